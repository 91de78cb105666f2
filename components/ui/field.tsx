import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

const control =
  "block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  children: (controlProps: {
    id: string;
    name: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    className: string;
  }) => ReactNode;
}

// A labelled form control with its field-level error, wired for screen readers.
export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = `field-${name}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-invalid": Boolean(error),
        "aria-describedby": describedBy,
        className: control,
      })}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: Omit<FieldProps, "children"> & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, name, error, hint, ...input } = props;
  return (
    <Field label={label} name={name} error={error} hint={hint}>
      {(p) => <input {...input} {...p} />}
    </Field>
  );
}

export function TextAreaField(
  props: Omit<FieldProps, "children"> & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { label, name, error, hint, ...input } = props;
  return (
    <Field label={label} name={name} error={error} hint={hint}>
      {(p) => <textarea rows={4} {...input} {...p} />}
    </Field>
  );
}

export function SelectField(
  props: Omit<FieldProps, "children"> &
    SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] },
) {
  const { label, name, error, hint, options, ...select } = props;
  return (
    <Field label={label} name={name} error={error} hint={hint}>
      {(p) => (
        <select {...select} {...p}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
