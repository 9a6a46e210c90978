/** The part of @doyensec/csp-evaluator (no bundled types) that test/unit/csp.test.ts uses. */
declare module '@doyensec/csp-evaluator' {
  export interface Finding {
    severity: number;
    directive: string;
    value?: string;
    description: string;
  }
  export const severities: Record<
    'HIGH' | 'MEDIUM' | 'HIGH_MAYBE' | 'MEDIUM_MAYBE' | 'INFO' | 'NONE',
    number
  >;
  export const Version: { CSP1: number; CSP2: number; CSP3: number };
  export class CspParser {
    constructor(policy: string);
    csp: unknown;
  }
  export class CspEvaluator {
    constructor(csp: unknown, version?: number);
    evaluate(): Finding[];
  }
}
