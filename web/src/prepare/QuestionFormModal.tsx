import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconGitMerge } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import {
  CATEGORY_LABELS,
  QUESTION_CATEGORIES,
  TIARA_LABELS,
  TIARA_TAGS,
  type Question,
  type QuestionCategory,
  type TiaraTag,
} from '@shared/prepare-api.ts';
import { createQuestion, isApiError, prepareKeys, updateQuestion } from '../api/index.ts';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { notifyError, notifySuccess } from '../ui/notify.tsx';
import { TIARA_META } from './questionParts.tsx';

interface Values {
  text: string;
  category: QuestionCategory;
  tiara: TiaraTag;
  readilyAvailable: boolean;
}

const blank: Values = { text: '', category: 'position', tiara: 'insights', readilyAvailable: false };

interface QuestionFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The question being edited; absent to add one. */
  question?: Question | null;
}

/** Adds a question to the bank, or edits one (its text, category, TIARA tag and the "readily available" flag). */
export function QuestionFormModal({ opened, onClose, question }: QuestionFormModalProps) {
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false }) ?? false;
  const [values, setValues] = useState<Values>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setValues(question ? { text: question.text, category: question.category, tiara: question.tiara, readilyAvailable: question.readilyAvailable } : blank);
    setErrors({});
    setConflict(false);
  }, [opened, question]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.text.trim() === '') {
      setErrors({ text: 'Write the question' });
      return;
    }
    setSaving(true);
    setConflict(false);
    try {
      if (question) {
        await updateQuestion(question.id, { version: question.version, ...values });
        notifySuccess('Your change is in the question bank. Agendas already planned keep the wording they had.', 'Question saved');
      } else {
        await createQuestion(values);
        notifySuccess('You can pick it for any interview now.', 'Question added');
      }
      void queryClient.invalidateQueries({ queryKey: prepareKeys.questions });
      onClose();
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: prepareKeys.questions });
      } else {
        const fieldErrors = fieldErrorsFrom(error);
        setErrors(fieldErrors);
        if (Object.keys(fieldErrors).length === 0) notifyError(error, 'The question was not saved');
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen={phone}
      title={<Text fw={650}>{question ? 'Edit question' : 'Add a question'}</Text>}
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconGitMerge size={20} />} title="Changed elsewhere" role="alert">
              This question was changed in another tab since you opened it. Nothing was overwritten: close this window, open the question
              again and apply your change.
            </Alert>
          )}
          <Textarea
            label="Question"
            description="Ask what only an insider can answer, in your own words."
            value={values.text}
            onChange={(event) => set('text', event.currentTarget.value)}
            error={errors.text}
            autosize
            minRows={2}
            maxRows={6}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Select
              label="Category"
              data={QUESTION_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))}
              value={values.category}
              onChange={(value) => value && set('category', value as QuestionCategory)}
              allowDeselect={false}
              error={errors.category}
            />
            <Select
              label="TIARA"
              data={TIARA_TAGS.map((value) => ({ value, label: TIARA_LABELS[value] }))}
              value={values.tiara}
              onChange={(value) => value && set('tiara', value as TiaraTag)}
              allowDeselect={false}
              error={errors.tiara}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8}>
            {TIARA_META[values.tiara].explain}.
          </Text>
          <Checkbox
            label="Answer readily available"
            description="A website or LinkedIn profile answers it: the agenda will suggest you look it up instead of asking."
            checked={values.readilyAvailable}
            onChange={(event) => set('readilyAvailable', event.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {question ? 'Save question' : 'Add question'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
