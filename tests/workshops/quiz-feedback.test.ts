import { describe, expect, it } from "vitest";
import { hashText } from "~/models/workshops/text.server";
import { formToText, textToFormValues, WorkshopTextSchema } from "~/models/workshops/editor-forms";
import * as reading from "~/routes/workshops.$slug._index";
import { call, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";
import { createTestWorkshop, RIGHT_ANSWERS, sampleQuiz, sampleText } from "./helpers";

const EXPLANATION = "Solo la b cumple la regla 3 del decálogo.";

function textWithExplanation() {
  const [first, ...rest] = sampleQuiz("es");
  return sampleText("es", { quiz: [{ ...first, explanation: EXPLANATION }, ...rest] });
}

async function workshopFor(settings: { maxAttempts: number | null; passMark: number }) {
  const w = await createTestWorkshop({ settings, texts: { es: textWithExplanation() } });
  const person = await createTestUser();
  const view = async () =>
    jsonOf(await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug }));
  const answer = (answers: number[][]) => {
    const fields: Record<string, string | string[]> = { intent: "quiz", versionId: w.versionId, language: "es" };
    answers.forEach((chosen, i) => (fields[`answers.${i}`] = chosen.map(String)));
    return call(reading.action, postRequest(`/workshops/${w.slug}`, fields, { cookie: person.cookie }), { slug: w.slug });
  };
  return { view, answer };
}

describe("quiz feedback per question", () => {
  it("says right or wrong and explains a wrong answer, but names the right options only once no attempt is left", async () => {
    const { view, answer } = await workshopFor({ maxAttempts: 2, passMark: 100 });
    const before = await view();
    expect(before.quiz.feedback).toBeNull();
    // The explanation is not sent before an attempt (it belongs to the feedback).
    expect(JSON.stringify(before)).not.toContain(EXPLANATION);

    expect((await answer([[0], [0, 2], [1]])).status).toBe(302);
    const first = await view();
    expect(first.quiz.feedback).toEqual([
      { right: false, chosen: [0], rightOptions: null, explanation: EXPLANATION },
      { right: true, chosen: [0, 2], rightOptions: null, explanation: null },
      { right: false, chosen: [1], rightOptions: null, explanation: null },
    ]);
    expect(JSON.stringify(first)).not.toMatch(/correct/i);

    expect((await answer([[2], [0, 2], [0]])).status).toBe(302);
    const last = await view();
    expect(last.quiz.canSubmit).toBe(false);
    expect(last.quiz.feedback.map((f: { rightOptions: number[] }) => f.rightOptions)).toEqual(RIGHT_ANSWERS);
    expect(last.quiz.feedback[0]).toMatchObject({ right: false, chosen: [2], explanation: EXPLANATION });
  });

  it("with unlimited attempts, reveals the right options once the quiz is passed", async () => {
    const { view, answer } = await workshopFor({ maxAttempts: null, passMark: 60 });
    await answer([[0], [0], [0]]);
    expect((await view()).quiz.feedback.every((f: { rightOptions: unknown }) => f.rightOptions === null)).toBe(true);
    await answer([[0], [0, 2], [0]]);
    const passed = await view();
    expect(passed.quiz.passed).toBe(true);
    expect(passed.quiz.feedback[0]).toEqual({ right: false, chosen: [0], rightOptions: [1], explanation: EXPLANATION });
  });

  it("keeps the hash of a text written without explanations", () => {
    const text = sampleText("es");
    expect(hashText({ ...text, quiz: text.quiz.map((q) => ({ ...q, explanation: "  " })) })).toBe(hashText(text));
    expect(hashText(textWithExplanation())).not.toBe(hashText(text));
  });

  it("keeps a question's explanation through the editor form", () => {
    const values = textToFormValues("es", textWithExplanation());
    expect(values.quiz[0].explanation).toBe(EXPLANATION);
    const parsed = WorkshopTextSchema.parse(values);
    expect(formToText(parsed).quiz.map((q) => q.explanation)).toEqual([EXPLANATION, undefined, undefined]);
  });
});
