import type { shopZoneFieldErrorsEn, shopZoneSettingLabelsEn } from './shop-zone.en';

export const shopZoneSettingLabelsZh: typeof shopZoneSettingLabelsEn = {
  'shop.timeZone': '店铺时区（如 Asia/Shanghai；留空则用本机时区）',
};
export const shopZoneFieldErrorsZh: typeof shopZoneFieldErrorsEn = {
  timeZone: '无法识别的时区：请填写如 Asia/Shanghai 或 Europe/Berlin 的名称。',
};
