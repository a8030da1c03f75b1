import { useTranslation } from "react-i18next";
import type { QuestionFeedback } from "~/models/workshops/quiz-feedback";
import type { PresentedQuestion } from "~/models/workshops/text.server";

/** The latest attempt, question by question: right or not, the explanation of a wrong one, and once revealed the right options. */
export function QuizFeedback({ quiz, feedback, attempt }: { quiz: PresentedQuestion[]; feedback: QuestionFeedback[]; attempt: number }) {
  const { t } = useTranslation();
  const revealed = feedback.some((f) => f.rightOptions !== null);
  return (
    <section className="quiz-feedback" aria-labelledby="quiz-feedback-title" data-testid="quiz-feedback">
      <h3 id="quiz-feedback-title">{t("workshops.feedback.title", { n: attempt })}</h3>
      {revealed ? null : <p className="hint">{t("workshops.feedback.notRevealed")}</p>}
      <ol className="quiz-feedback-list">
        {quiz.map((question, i) => {
          const f = feedback[i];
          if (!f) return null;
          return (
            <li key={i} className={f.right ? "right" : "wrong"} data-testid={`feedback-${i}`}>
              <p>
                <span className={`badge ${f.right ? "badge-success" : "badge-danger"}`}>
                  {t(f.right ? "workshops.feedback.right" : "workshops.feedback.wrong")}
                </span>{" "}
                {question.question}
              </p>
              <p className="hint">
                {t("workshops.feedback.yourAnswer")} {f.chosen.map((k) => question.options[k]).join(" · ") || "—"}
              </p>
              {f.rightOptions && !f.right ? (
                <p>
                  {t("workshops.feedback.rightAnswer")} {f.rightOptions.map((k) => question.options[k]).join(" · ")}
                </p>
              ) : null}
              {f.explanation ? <p className="quiz-explanation">{f.explanation}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
