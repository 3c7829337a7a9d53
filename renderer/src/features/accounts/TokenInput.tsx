// A field for a secret token: masked, and kept out of autofill and the spell checker.
import type { ComponentProps } from 'react';

export function TokenInput(props: Omit<ComponentProps<'input'>, 'type' | 'autoComplete' | 'spellCheck'>) {
  return <input {...props} type="password" autoComplete="off" spellCheck={false} />;
}
