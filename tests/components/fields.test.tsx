// The labelled fields' HTML is what the e2e axe checks and the forms' label/description lookups rely on:
// the label's for, the control's id, aria-describedby (hint, then error) and aria-invalid, and the
// registered default rendered server-side. These fix it to the attribute.
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { UseFormRegisterReturn } from "react-hook-form";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { rememberDefault, Select, TextArea, TextInput } from "~/components/fields";
import { resources } from "~/locales";
import { createI18n } from "~/utils/i18n";

const i18n = createI18n("en", resources.en.translation);
const html = (element: ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
const registration = (name: string, value?: unknown): UseFormRegisterReturn =>
  rememberDefault({ name, onChange: async () => {}, onBlur: async () => {}, ref: () => {} }, value);

describe("TextInput", () => {
  it("renders the label, the input with its default, and no description when there is none", () => {
    expect(html(<TextInput label="Title" registration={registration("title", "Hola")} />)).toBe(
      '<div class="field"><label for=":R0:">Title</label><input id=":R0:" name="title" value="Hola"/></div>',
    );
  });

  it("describes the input by its hint, then its error, and marks it invalid", () => {
    expect(
      html(<TextInput label="Title" hint="Short" error="validation.required" maxLength={5} registration={registration("title")} />),
    ).toBe(
      '<div class="field"><label for=":R0:">Title</label><input id=":R0:" aria-describedby=":R0:-hint :R0:-error" aria-invalid="true" maxLength="5" name="title"/>' +
        '<p id=":R0:-hint" class="hint">Short</p><p id=":R0:-error" class="field-error" role="alert">This field is required.</p></div>',
    );
  });

  it("renders no default into a file or password input", () => {
    expect(html(<TextInput label="File" type="file" registration={registration("file", "x.csv")} />)).toBe(
      '<div class="field"><label for=":R0:">File</label><input id=":R0:" type="file" name="file"/></div>',
    );
  });
});

describe("TextArea and Select", () => {
  it("wrap their control the same way", () => {
    expect(html(<TextArea label="Body" error="nope.unknown" rows={3} registration={registration("body", "Texto")} />)).toBe(
      '<div class="field"><label for=":R0:">Body</label><textarea id=":R0:" aria-describedby=":R0:-error" aria-invalid="true" rows="3" name="body">Texto</textarea>' +
        '<p id=":R0:-error" class="field-error" role="alert">This value is not valid.</p></div>',
    );
    expect(
      html(
        <Select label="Rule" hint="Pick one" registration={registration("rule", "2")}>
          <option value="1">One</option>
          <option value="2">Two</option>
        </Select>,
      ),
    ).toBe(
      '<div class="field"><label for=":R0:">Rule</label><select id=":R0:" aria-describedby=":R0:-hint" name="rule">' +
        '<option value="1">One</option><option value="2" selected="">Two</option></select><p id=":R0:-hint" class="hint">Pick one</p></div>',
    );
  });
});
