import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';

/** A failed call's message, translated at render time. */
export function ErrorText({ err }: { err: unknown }) {
  const { t } = useTranslation();
  return <>{errorText(t, err)}</>;
}
