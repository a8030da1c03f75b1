import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCheckedForm } from "~/components/checked-form";
import { FormError, useErrorText } from "~/components/fields";
import { QuizFeedback } from "~/components/quiz-feedback";
import { LessonProgress, workshopLinks } from "~/components/workshop";
import { getWorkshopBySlug } from "~/models/workshops/workshops.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { quizLength } from "~/models/workshops/my-workshops.server";
import { LessonDoneSchema, SessionChoiceSchema, parseQuizForm } from "~/models/workshops/forms.server";
import { checkQuiz } from "~/models/workshops/quiz-check";
import { cancelRegistration, registerForSession } from "~/models/workshops/sessions.server";
import { viewWorkshop, type WorkshopView } from "~/models/workshops/view.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export const links = workshopLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await viewWorkshop(db, params.slug ?? "", { userId: user.id, language: await resolveLocale(request, user.locale) });
  if (!view) notFound();
  return json(view);
}

/** The last step of onboarding done: the home greets the new ambassador (and asks for follower counts). */
const certifiedNow = () => redirectWithToast("/", { message: "experience.onboarding.certified", kind: "success" });

/** Intents: "lesson" (mark a lesson done), "quiz" (submit answers), "register" / "cancel" (a live session). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/workshops/${workshop.slug}`;
  if (intent === "lesson") {
    const parsed = parseFormData(LessonDoneSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await markLessonDone(db, { userId: user.id, workshopId: workshop.id, lesson: parsed.data.lesson });
    if (!result.ok) return result.error === "errors.notFound" ? notFound() : invalid({ "": result.error });
    if (result.completedWorkshop && (await isOnboarded(db, user.id))) return certifiedNow();
    return redirectWithToast(result.completedWorkshop ? here : `${here}#lesson-${parsed.data.lesson}`, {
      message: result.completedWorkshop ? "workshops.toasts.completed" : "workshops.toasts.lessonDone",
      values: { n: parsed.data.lesson },
    });
  }
  if (intent === "quiz") {
    const parsed = parseQuizForm(formData, await quizLength(db, workshop.id, String(formData.get("versionId") ?? "")));
    if (!parsed.success) return invalid(parsed.errors);
    const result = await submitQuiz(db, {
      userId: user.id,
      workshopId: workshop.id,
      versionId: parsed.data.versionId,
      language: parsed.data.language,
      answers: parsed.data.answers,
    });
    if (!result.ok) return result.error === "errors.notFound" ? notFound() : invalid({ "": result.error });
    if (result.completedWorkshop && (await isOnboarded(db, user.id))) return certifiedNow();
    const message = result.completedWorkshop
      ? "workshops.toasts.quizPassedCompleted"
      : result.passed
        ? "workshops.toasts.quizPassed"
        : "workshops.toasts.quizFailed";
    return redirectWithToast(`${here}#quiz`, {
      message,
      values: { score: result.score, left: result.attemptsLeft ?? "∞" },
      kind: result.passed ? "success" : "info",
    });
  }
  if (intent === "register" || intent === "cancel") {
    const parsed = parseFormData(SessionChoiceSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    if (intent === "register") {
      const result = await registerForSession(db, { sessionId: parsed.data.sessionId, userId: user.id, workshopId: workshop.id });
      if (!result.ok) return result.error === "errors.notFound" ? notFound() : invalid({ "": result.error });
      return redirectWithToast(`${here}#sessions`, { message: "workshops.toasts.registered" });
    }
    const result = await cancelRegistration(db, { sessionId: parsed.data.sessionId, userId: user.id });
    if (!result.ok) return invalid({ "": result.error });
    return redirectWithToast(`${here}#sessions`, { message: "workshops.toasts.registrationCancelled" });
  }
  return invalid({ "": "validation.invalid" });
}

function QuizForm({ view }: { view: WorkshopView }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useCheckedForm(checkQuiz(view.text.quiz.length), {
    serverErrors,
    defaultValues: { versionId: view.version.id, language: view.version.language, answers: view.text.quiz.map(() => []) },
  });
  const errorText = useErrorText();
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" {...register("versionId")} defaultValue={view.version.id} />
      <input type="hidden" {...register("language")} defaultValue={view.version.language} />
      {view.text.quiz.map((q, i) => {
        const error = errorText(errorFor(`answers.${i}`));
        return (
          <fieldset key={i} className="quiz-question" aria-describedby={error ? `answer-${i}-error` : undefined}>
            <legend>
              {i + 1}. {q.question}
            </legend>
            {q.kind === "multiple" ? <p className="hint">{t("workshops.quiz.chooseAll")}</p> : null}
            {q.options.map((option, k) => (
              <label key={k}>
                <input type={q.kind === "single" ? "radio" : "checkbox"} value={String(k)} {...register(`answers.${i}`)} /> {option}
              </label>
            ))}
            {error ? (
              <p id={`answer-${i}-error`} className="field-error" role="alert">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <button type="submit" name="intent" value="quiz" disabled={navigation.state !== "idle"}>
        {t("workshops.quiz.submit")}
      </button>
    </Form>
  );
}

export default function WorkshopPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  const { text, progress, quiz } = view;
  return (
    <>
      <p>
        <Link to="/workshops">{t("workshops.back")}</Link>
      </p>
      <h1>{text.title}</h1>
      <p className="lead">{text.summary}</p>
      <p className="hint">
        {t("workshops.duration", { minutes: view.version.durationMinutes })} ·{" "}
        {view.version.required ? t("workshops.required") : t("workshops.optional")}
      </p>
      {progress.completed ? (
        <p className="notice" data-testid="workshop-completed">
          {t(progress.completedBy === "attendance" ? "workshops.completedByAttendance" : "workshops.completedOn", {
            date: progress.completedAt,
          })}{" "}
          · <Link to={`/workshops/${view.workshop.slug}/certificate`}>{t("workshops.certificate.link")}</Link>
        </p>
      ) : (
        <LessonProgress done={progress.lessonsDone.length} total={text.lessons.length} />
      )}
      <FormError error={formError} />
      <div dangerouslySetInnerHTML={{ __html: text.introductionHtml }} />

      <ol className="workshop-lessons">
        {text.lessons.map((lesson) => {
          const done = progress.lessonsDone.includes(lesson.number);
          return (
            <li
              key={lesson.number}
              id={`lesson-${lesson.number}`}
              className={`workshop-lesson${done ? " done" : ""}`}
              aria-labelledby={`lesson-${lesson.number}-title`}
            >
              <h2 id={`lesson-${lesson.number}-title`}>{t("workshops.lessonN", { n: lesson.number, title: lesson.title })}</h2>
              <div dangerouslySetInnerHTML={{ __html: lesson.bodyHtml }} />
              {done ? (
                <p className="badge badge-success">{t("workshops.lessonDone")}</p>
              ) : (
                <Form method="post">
                  <input type="hidden" name="lesson" value={lesson.number} />
                  <button type="submit" name="intent" value="lesson" className="secondary">
                    {t("workshops.markDone", { n: lesson.number })}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ol>

      {text.caseStudies.length ? (
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">{t("workshops.cases.title")}</h2>
          <div className="case-studies">
            {text.caseStudies.map((c, i) => (
              <article key={i} className={`card case-study ${c.outcome}`} aria-labelledby={`case-${i}`}>
                <p>
                  <span className={`badge ${c.outcome === "success" ? "badge-success" : "badge-danger"}`}>
                    {t(`workshops.cases.${c.outcome}`)}
                  </span>
                </p>
                <h3 id={`case-${i}`}>{c.title}</h3>
                <div dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
              </article>
            ))}
          </div>
        </section>
      ) : null}

      {text.quiz.length ? (
        <section id="quiz" className="card" aria-labelledby="quiz-title">
          <h2 id="quiz-title">{t("workshops.quiz.title")}</h2>
          <p>
            {t("workshops.quiz.rules", { passMark: view.version.passMark, count: text.quiz.length })}{" "}
            {view.version.maxAttempts === null
              ? t("workshops.quiz.unlimited")
              : t("workshops.quiz.attemptsLeft", { count: quiz.attemptsLeft ?? 0 })}
          </p>
          {quiz.attempts.length ? (
            <ul>
              {quiz.attempts.map((a) => (
                <li key={a.attempt}>
                  {t(a.passed ? "workshops.quiz.attemptPassed" : "workshops.quiz.attemptFailed", {
                    n: a.attempt,
                    score: a.score,
                    date: a.submittedAt,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {quiz.feedback && quiz.attempts[0] ? (
            <QuizFeedback quiz={text.quiz} feedback={quiz.feedback} attempt={quiz.attempts[0].attempt} />
          ) : null}
          {quiz.passed ? (
            <p className="notice">{t(progress.allLessonsDone ? "workshops.quiz.passed" : "workshops.quiz.passedLessonsLeft")}</p>
          ) : null}
          {!quiz.passed && !quiz.canSubmit ? <p className="notice notice-warn">{t("workshops.quiz.noAttemptsLeft")}</p> : null}
          {quiz.canSubmit && !progress.completed ? <QuizForm view={view} /> : null}
        </section>
      ) : null}

      <section id="sessions" className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("workshops.sessions.title")}</h2>
        <p className="hint">{t("workshops.sessions.intro")}</p>
        {view.sessions.length === 0 ? <p>{t("workshops.sessions.none")}</p> : null}
        <ul className="session-list">
          {view.sessions.map((s) => (
            <li key={s.id}>
              <strong>{s.startsAt}</strong> · {t("workshops.sessions.minutes", { minutes: s.durationMinutes })} ·{" "}
              {t(`workshops.sessions.modes.${s.mode}`)}
              {s.place ? ` · ${s.place}` : ""}
              {s.onlineUrl ? (
                <>
                  {" · "}
                  <a href={s.onlineUrl} target="_blank" rel="noopener noreferrer">
                    {t("workshops.sessions.join")}
                  </a>
                </>
              ) : null}
              <br />
              <span className="hint">{t("workshops.sessions.seatsLeft", { count: s.seatsLeft, capacity: s.capacity })}</span>{" "}
              {s.attended ? <span className="badge badge-success">{t("workshops.sessions.attended")}</span> : null}
              {!s.past ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="sessionId" value={s.id} />
                  {s.registered ? (
                    <>
                      <span className="badge">{t("workshops.sessions.registered")}</span>{" "}
                      <button type="submit" name="intent" value="cancel" className="secondary button-small">
                        {t("workshops.sessions.cancel")}
                      </button>
                    </>
                  ) : (
                    <button type="submit" name="intent" value="register" className="button-small" disabled={s.seatsLeft === 0}>
                      {s.seatsLeft === 0 ? t("workshops.sessions.full") : t("workshops.sessions.register")}
                    </button>
                  )}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
