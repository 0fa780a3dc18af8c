/**
 * The question bank every account starts with (PRODUCT.md step 5): questions
 * about the person's background, their education, the position and the
 * industry, each tagged by TIARA — trends, insights, advice, resources,
 * assignments — the kinds of question that make an informational interview
 * worth the host's time.
 *
 * Each seeded question has a stable `key`: the account's copy is found by it,
 * so seeding again adds nothing and a seeker's edits to a seeded question are
 * kept. Never reuse or rename a key; retire a question by removing it here
 * only if no account may hold it (accounts keep their copies either way).
 *
 * A few are flagged "answer readily available": they are here on purpose, so
 * the seeker sees the agenda's warning that a search answers them.
 */

export const QUESTION_CATEGORIES = ['background', 'education', 'position', 'industry'] as const;
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number];

export const TIARA_TAGS = ['trends', 'insights', 'advice', 'resources', 'assignments'] as const;
export type TiaraTag = (typeof TIARA_TAGS)[number];

export const CATEGORY_LABELS: Record<QuestionCategory, string> = {
  background: 'Background',
  education: 'Education',
  position: 'The position',
  industry: 'The industry',
};

export const TIARA_LABELS: Record<TiaraTag, string> = {
  trends: 'Trends',
  insights: 'Insights',
  advice: 'Advice',
  resources: 'Resources',
  assignments: 'Assignments',
};

export interface SeedQuestion {
  key: string;
  text: string;
  category: QuestionCategory;
  tiara: TiaraTag;
  readilyAvailable: boolean;
}

const q = (key: string, category: QuestionCategory, tiara: TiaraTag, text: string, readilyAvailable = false): SeedQuestion => ({
  key,
  text,
  category,
  tiara,
  readilyAvailable,
});

export const SEED_QUESTIONS: readonly SeedQuestion[] = [
  // Background: how they got here.
  q('bg-how-started', 'background', 'insights', 'How did you get into this field, and what path led you to the role you have now?'),
  q('bg-first-role', 'background', 'insights', 'What was your first role in this field, and what did it teach you that you still use?'),
  q('bg-surprise', 'background', 'insights', 'What surprised you most when you started doing this kind of work?'),
  q('bg-turning-point', 'background', 'insights', 'Was there a decision or a turning point that shaped your career more than the others?'),
  q('bg-wish-known', 'background', 'advice', 'What do you wish someone had told you when you were starting out?'),
  q('bg-do-differently', 'background', 'advice', 'If you were starting your career again today, what would you do differently?'),
  q('bg-transferable', 'background', 'insights', 'What from your earlier work or studies turned out to be more useful here than you expected?'),
  q('bg-career-change', 'background', 'advice', 'What would you tell someone moving into this field from a different career?'),
  q('bg-how-long', 'background', 'insights', 'How long have you worked at your organization?', true),

  // Education: what preparation matters.
  q('edu-degree-vs-experience', 'education', 'insights', 'How much does a particular degree matter in this field, compared with experience?'),
  q('edu-certifications', 'education', 'resources', 'Which training, certifications or courses are worth the time for someone preparing for this work?'),
  q('edu-learned-on-job', 'education', 'insights', 'Which skills did you have to learn on the job because no school taught them?'),
  q('edu-schools-esteem', 'education', 'insights', 'Are some schools or programs held in higher esteem than others by people in this field?'),
  q('edu-grad-school', 'education', 'advice', 'Would you study further before moving into this field, or start working first and learn along the way?'),
  q('edu-stay-current', 'education', 'resources', 'How do you keep your skills current: what do you read, follow or attend?'),
  q('edu-practice-project', 'education', 'assignments', 'Is there a small project I could do on my own to practise the core skill of this work?'),
  q('edu-where-studied', 'education', 'insights', 'Where did you go to school?', true),

  // The position: what the work is really like.
  q('pos-typical-week', 'position', 'insights', 'What does a typical day or week look like for you?'),
  q('pos-best-worst', 'position', 'insights', 'What are the best and the most frustrating parts of your job?'),
  q('pos-time-split', 'position', 'insights', 'How is your time split between meetings, focused work and people outside your team?'),
  q('pos-success-measure', 'position', 'insights', 'How is success measured in your role, and by whom?'),
  q('pos-qualities', 'position', 'advice', 'What qualities make someone really good at this job, beyond what a job description says?'),
  q('pos-hard-problem', 'position', 'insights', 'What is a hard problem you worked on recently, and how did you approach it?'),
  q('pos-next-roles', 'position', 'trends', 'Where do people in your role usually go next?'),
  q('pos-related-careers', 'position', 'resources', 'Which related career areas should I look at alongside this one?'),
  q('pos-experience-recommend', 'position', 'advice', 'What experience, such as volunteering or a side project, would you recommend to someone entering this field?'),
  q('pos-try-task', 'position', 'assignments', 'Is there a task you give newcomers in your role that I could try, to see whether I enjoy the work?'),
  q('pos-lifestyle', 'position', 'insights', 'How does this work fit with the rest of life: hours, travel, flexibility?'),
  q('pos-culture', 'position', 'insights', 'How would you describe the culture of your team, and who thrives in it?'),
  q('pos-job-title', 'position', 'insights', 'What is your job title?', true),

  // The industry: where it is going.
  q('ind-trends', 'industry', 'trends', 'Which trends are changing this industry right now?'),
  q('ind-five-years', 'industry', 'trends', 'How do you expect your work to change over the next five years?'),
  q('ind-technology', 'industry', 'trends', 'Which new tools or technologies are changing how the work gets done?'),
  q('ind-outside-influences', 'industry', 'trends', 'What outside forces, such as regulation, the economy or competitors, could most affect your organization and industry?'),
  q('ind-growth-areas', 'industry', 'trends', 'Where do you see growth in this industry: which specialties, organizations or kinds of work?'),
  q('ind-misconceptions', 'industry', 'insights', 'What do outsiders most often get wrong about this industry?'),
  q('ind-newcomer-mistakes', 'industry', 'advice', 'What mistakes do you see newcomers to this industry make?'),
  q('ind-your-next-step', 'industry', 'advice', 'If you were in my position, what would your next step be?'),
  q('ind-stand-out', 'industry', 'advice', 'What would help someone with my background stand out to people in this industry?'),
  q('ind-publications', 'industry', 'resources', 'Which publications, newsletters or podcasts should I follow to understand this industry?'),
  q('ind-associations', 'industry', 'resources', 'Are there professional associations, meetups or conferences worth joining?'),
  q('ind-organizations', 'industry', 'resources', 'Which other organizations do interesting work in this space?'),
  q('ind-read-and-report', 'industry', 'assignments', 'Is there an article, report or book you would suggest I read, so I can tell you what I took from it?'),
  q('ind-look-into', 'industry', 'assignments', 'Is there a question about this industry you would like me to look into and report back on?'),
  q('ind-first-hand', 'industry', 'assignments', 'What could I do in the next month to see this work first-hand: an event, volunteering, a course?'),
  q('ind-what-company-does', 'industry', 'insights', 'What does your company do?', true),
  q('ind-company-size', 'industry', 'insights', 'How many people work at your organization?', true),
];
