import type { FormInstance } from 'antd';
import type { FieldError, Problem } from '../api.ts';

/**
 * Puts server field errors on matching form fields (by top-level name, e.g. `newPassword`
 * or `/newPassword`) and returns the ones that matched no field, to be listed in the alert.
 */
export function applyFieldErrors(
  form: FormInstance,
  problem: Problem,
  fieldNames: readonly string[],
): FieldError[] {
  const byField = new Map<string, string[]>();
  const rest: FieldError[] = [];
  for (const err of problem.errors ?? []) {
    const name = err.field.replace(/^[/#.]+/, '').split(/[./[]/)[0];
    if (fieldNames.includes(name)) {
      byField.set(name, [...(byField.get(name) ?? []), err.message]);
    } else {
      rest.push(err);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}
