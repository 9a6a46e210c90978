import { CspEvaluator, CspParser, Version, severities } from '@doyensec/csp-evaluator';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/trusted-url';
import { contentSecurityPolicy, cspMetaTag } from '../../main/csp';

/**
 * Stands in for electronegativity's CSP checks (switched off in `npm run security:scan`: the
 * tool cannot read a header built by a function). Same evaluator, on the real policies: no
 * HIGH or MEDIUM finding, and the one "maybe" it raises is the known script-src 'self' note
 * (docs/electronegativity.md says why that is safe under file://).
 */
function findings(policy: string) {
  return new CspEvaluator(new CspParser(policy).csp, Version.CSP3)
    .evaluate()
    .map((f) => ({ severity: f.severity, directive: f.directive, value: f.value }));
}

/** The meta tag the Electron build writes into index.html (file:// carries no headers). */
const meta = () =>
  /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(cspMetaTag())![1];

describe('the content security policy, as csp-evaluator sees it', () => {
  it.each([
    ['the header the Electron shell sends', CONTENT_SECURITY_POLICY],
    ['the meta tag of the Electron build', meta()],
  ])('%s has no high or medium finding', (_name, policy) => {
    const serious = findings(policy).filter(
      (f) => f.severity === severities.HIGH || f.severity === severities.MEDIUM,
    );
    expect(serious).toEqual([]);
    expect(findings(policy)).toEqual([
      { severity: severities.MEDIUM_MAYBE, directive: 'script-src', value: "'self'" },
    ]);
  });

  it('the header the browser harness sends adds only its own event socket', () => {
    const policy = contentSecurityPolicy(undefined, ['ws://127.0.0.1:5173']);
    expect(findings(policy)).toEqual([
      { severity: severities.MEDIUM_MAYBE, directive: 'script-src', value: "'self'" },
      // the harness runs on this computer only: its socket is on localhost by design
      { severity: severities.INFO, directive: 'connect-src', value: 'ws://127.0.0.1:5173' },
    ]);
  });

  it('would catch a weakened policy', () => {
    const weak = CONTENT_SECURITY_POLICY.replace(
      "script-src 'self'",
      "script-src 'self' 'unsafe-eval' https:",
    );
    expect(
      findings(weak).some(
        (f) => f.severity === severities.HIGH || f.severity === severities.MEDIUM,
      ),
    ).toBe(true);
  });
});
