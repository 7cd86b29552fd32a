import { answerHash } from '../checks/kinds/quiz.js';

export interface QuizHashResult {
  type: 'quiz-hash';
  question: string;
  choice: string;
  hash: string;
  notices: string[];
}

/** For authors: the value of a quiz question's `answer:` (sha256 of "<question id>:<correct choice>"). */
export function quizHash(question: string, choice: string): QuizHashResult {
  return { type: 'quiz-hash', question, choice, hash: answerHash(question, choice), notices: [] };
}
