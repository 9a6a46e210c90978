import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { en } from './en';
import { zh } from './zh';

dayjs.extend(relativeTime);

export type Lang = 'en' | 'zh';
const KEY = 'workstation.lang';

export const dayjsLocale = (lang: Lang) => (lang === 'zh' ? 'zh-cn' : 'en');

export function storedLang(): Lang {
  const v = localStorage.getItem(KEY);
  return v === 'zh' || v === 'en' ? v : 'en';
}

export function setLang(lang: Lang) {
  localStorage.setItem(KEY, lang);
  dayjs.locale(dayjsLocale(lang));
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18n.changeLanguage(lang);
}

const initial = storedLang();
dayjs.locale(dayjsLocale(initial));
document.documentElement.lang = initial === 'zh' ? 'zh-CN' : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
