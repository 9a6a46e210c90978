/** Settings → Messages → channels: the DTOs that cross the API (issue 16, item 2). */
import type { z } from 'zod';
import type * as mc from './schemas/message-channels';

type M<I, O> = { input: I; output: O };

export type { ChannelSettings, SecretName } from './schemas/message-channels';

export interface ChannelSettingsDto {
  settings: mc.ChannelSettings;
  /** Secrets are write-only: the screen learns only whether each is set. */
  secrets: Record<mc.SecretName, boolean>;
}

export type ChannelTestResult =
  | { ok: true; provider: string; providerId: string }
  | {
      ok: false;
      /** permanent / transient / uncertain as the outbox would treat it; null: not configured. */
      kind: 'permanent' | 'transient' | 'uncertain' | null;
      key: string;
      params: Record<string, string | number>;
    };

export interface MessageChannelsApi {
  'messageChannels.get': M<Record<string, never>, ChannelSettingsDto>;
  'messageChannels.save': M<z.input<typeof mc.channelSaveSchema>, ChannelSettingsDto>;
  'messageChannels.test': M<z.input<typeof mc.channelTestSchema>, ChannelTestResult>;
}
