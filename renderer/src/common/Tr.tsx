import { useTranslation } from 'react-i18next';

/** A translation resolved at render time, so stored errors follow a language switch. */
export function Tr({ k, params, fallback }: { k: string; params?: Record<string, unknown>; fallback?: string }) {
  const { t } = useTranslation();
  if (fallback !== undefined && !t(k, { ...params, defaultValue: '' })) return <>{fallback}</>;
  return <>{t(k, params ?? {})}</>;
}
