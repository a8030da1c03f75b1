import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

// The labelled fields every form uses, with no form library or zod value: the employee's pages validate
// with ~/components/checked-form and must not load react-hook-form (~/components/forms) to show a field.

/**
 * The default value each registration was made with. react-hook-form writes default values into
 * the inputs from the browser (through their refs), so the server-rendered HTML would have empty
 * fields: the components below read the default from here and render it as defaultValue /
 * defaultChecked, so edit forms are filled in without JavaScript and before hydration. A WeakMap
 * (not a property) so spreading a registration onto a plain <input> stays exactly as before.
 */
const registeredDefaults = new WeakMap<UseFormRegisterReturn, unknown>();

/** Remembers the default a registration was made with (the form hooks call it). */
export function rememberDefault(registration: UseFormRegisterReturn, value: unknown): UseFormRegisterReturn {
  registeredDefaults.set(registration, value);
  return registration;
}

function defaultOf(registration: UseFormRegisterReturn): unknown {
  return registeredDefaults.get(registration);
}

/** A text-like default as rendered into HTML: strings and numbers only. */
function textDefault(registration: UseFormRegisterReturn): string | number | undefined {
  const value = defaultOf(registration);
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (message: string | undefined) => (message ? (i18n.exists(message) ? t(message) : t("validation.invalid")) : undefined);
}

interface FieldProps {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const errorText = useErrorText()(error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorText ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(errorText) })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={errorId} className="field-error" role="alert">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

type Registered = { registration: UseFormRegisterReturn };
type RegisteredProps = Omit<FieldProps, "children"> & Registered;

interface ControlAttributes {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  defaultValue: string | number | undefined;
}

/**
 * A Field around one registered control: the control gets the field's id and descriptions, the
 * default it was registered with, then the caller's attributes and the registration (in that order,
 * so either may override what comes before).
 */
function registeredField<A extends object>(
  { label, error, hint, registration, ...rest }: RegisteredProps & A,
  defaultValue: string | number | undefined,
  control: (attributes: ControlAttributes & Omit<A, keyof RegisteredProps> & UseFormRegisterReturn) => ReactNode,
) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) =>
        control({ id, "aria-describedby": describedBy, "aria-invalid": invalid || undefined, defaultValue, ...rest, ...registration })
      }
    </Field>
  );
}

export function TextInput(props: RegisteredProps & InputHTMLAttributes<HTMLInputElement>) {
  const noDefault = props.type === "file" || props.type === "password";
  return registeredField(props, noDefault ? undefined : textDefault(props.registration), (attributes) => <input {...attributes} />);
}

export function TextArea(props: RegisteredProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return registeredField(props, textDefault(props.registration), (attributes) => <textarea {...attributes} />);
}

export function Select({ children, ...props }: RegisteredProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return registeredField(props, textDefault(props.registration), (attributes) => <select {...attributes}>{children}</select>);
}

export function CheckboxGroup({
  legend,
  error,
  options,
  registration,
}: {
  legend: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode }[];
  registration: UseFormRegisterReturn;
}) {
  const errorText = useErrorText()(error);
  const id = useId();
  const checked = defaultOf(registration);
  return (
    <fieldset className="field" aria-describedby={errorText ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            value={option.value}
            defaultChecked={Array.isArray(checked) ? checked.includes(option.value) : undefined}
            {...registration}
          />{" "}
          {option.label}
        </label>
      ))}
      {errorText ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {errorText}
        </p>
      ) : null}
    </fieldset>
  );
}

export function FormError({ error }: { error?: string }) {
  const text = useErrorText()(error);
  return text ? (
    <div className="form-error" role="alert">
      {text}
    </div>
  ) : null;
}
