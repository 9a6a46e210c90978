export type ChannelKind = 'email' | 'sms' | 'manual';
export interface OutgoingMessage { id: number; idempotencyKey: string; channel: ChannelKind; to: string; subject: string | null; body: string; language: 'en' | 'zh'; }
/** permanent: never retry (invalid number, auth refused by policy); transient: retry with back-off (network, rate limit, insufficient balance); uncertain: may have been sent (timeout after the request left) — never retried automatically. */
export class ChannelError extends Error { constructor(readonly kind: 'permanent' | 'transient' | 'uncertain', readonly key: string, readonly params: Record<string, string | number> = {}, message?: string) { super(message ?? key); this.name = 'ChannelError'; } }
export interface MessageChannel { readonly kind: ChannelKind; readonly provider: string; send(msg: OutgoingMessage): Promise<{ providerId: string }>; }
/** Resolves the configured channel for a kind at send time (msgchan implements it; null = not configured). */
export type ChannelResolver = (kind: ChannelKind) => Promise<MessageChannel | null>;
