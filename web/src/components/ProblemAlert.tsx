import { Alert } from 'antd';
import type { FieldError, Problem } from '../api.ts';
import { articleBasis } from '../lib/format.ts';

interface Props {
  problem: Problem | null | undefined;
  /** Field errors to list; defaults to all of problem.errors (pass the ones not shown on a form). */
  errors?: FieldError[];
  onClose?: () => void;
  style?: React.CSSProperties;
}

/** Shows an RFC 9457 problem: Chinese title, detail, the legal basis and any field errors. */
export function ProblemAlert({ problem, errors, onClose, style }: Props) {
  if (!problem) return null;
  const basis = articleBasis(problem.article);
  const fieldErrors = errors ?? problem.errors ?? [];
  const hasBody = Boolean(problem.detail || basis || fieldErrors.length);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      title={problem.title}
      closable={onClose ? { onClose } : undefined}
      description={
        hasBody ? (
          <div>
            {problem.detail && <div>{problem.detail}</div>}
            {basis && <div style={{ color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>{basis}</div>}
            {fieldErrors.length > 0 && (
              <ul style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
                {fieldErrors.map((e) => (
                  <li key={`${e.field}:${e.message}`}>
                    {e.field ? <code style={{ marginRight: 6 }}>{e.field}</code> : null}
                    {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : undefined
      }
    />
  );
}
