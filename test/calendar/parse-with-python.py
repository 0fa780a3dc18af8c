"""Parse iCalendar documents with Debian's python3-icalendar and print what it read as JSON.

The second, independent parser of the calendar tests (the first is ical.js). Reads a JSON
array of documents on stdin and prints a JSON array of results, one per document, in the
same shape the tests build from ical.js, so the two can be compared field by field.

Everything is read through the library's own types (vText, vCalAddress, vDDDTypes), never
by looking at the raw text, so a property that the library could not parse shows up in
`errors` or as a missing value rather than being read back by us.
"""
import datetime
import json
import sys

import icalendar


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def when(component, name):
    prop = component.get(name)
    if prop is None:
        return None
    value = prop.dt
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return {"floating": value.isoformat()}
        utc = value.astimezone(datetime.timezone.utc)
        return {"utc": utc.strftime("%Y-%m-%dT%H:%M:%SZ")}
    return {"date": value.isoformat()}


def address(prop):
    params = {key.upper(): str(value) for key, value in prop.params.items()}
    return {"value": str(prop), "params": params}


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def alarm(component):
    trigger = component.get("TRIGGER")
    seconds = None
    if trigger is not None and isinstance(trigger.dt, datetime.timedelta):
        seconds = int(trigger.dt.total_seconds())
    return {
        "action": text(component, "ACTION"),
        "triggerSeconds": seconds,
        "description": text(component, "DESCRIPTION"),
    }


def event(component):
    sequence = component.get("SEQUENCE")
    organizer = component.get("ORGANIZER")
    return {
        "uid": text(component, "UID"),
        "sequence": None if sequence is None else int(sequence),
        "status": text(component, "STATUS"),
        "dtstamp": when(component, "DTSTAMP"),
        "start": when(component, "DTSTART"),
        "end": when(component, "DTEND"),
        "summary": text(component, "SUMMARY"),
        "description": text(component, "DESCRIPTION"),
        "location": text(component, "LOCATION"),
        "url": text(component, "URL"),
        "transp": text(component, "TRANSP"),
        "organizer": None if organizer is None else address(organizer),
        "attendees": [address(a) for a in as_list(component.get("ATTENDEE"))],
        "alarms": [alarm(a) for a in component.walk("VALARM")],
    }


def parse(document):
    calendars = icalendar.Calendar.from_ical(document, multiple=True)
    errors = []
    attendee_count = 0
    events = []
    for calendar in calendars:
        for component in calendar.walk():
            errors.extend("%s: %s" % (component.name, error) for error in getattr(component, "errors", []))
            attendee_count += len(as_list(component.get("ATTENDEE")))
        events.extend(event(c) for c in calendar.walk("VEVENT"))
    first = calendars[0] if calendars else {}
    return {
        "calendars": len(calendars),
        "method": text(first, "METHOD"),
        "prodid": text(first, "PRODID"),
        "version": text(first, "VERSION"),
        "name": text(first, "X-WR-CALNAME"),
        "events": events,
        "attendeeCount": attendee_count,
        "errors": errors,
    }


def main():
    documents = json.load(sys.stdin)
    results = []
    for document in documents:
        try:
            results.append(parse(document.encode("utf-8")))
        except Exception as error:  # a document the library refuses is a result, not a crash
            results.append({"exception": "%s: %s" % (type(error).__name__, error)})
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
