/** The shop's time zone setting (issue 12 item 18). */
export const shopZoneSettingLabelsEn = {
  'shop.timeZone': 'Shop time zone (e.g. Asia/Shanghai; empty: this computer’s)',
};
export const shopZoneFieldErrorsEn = {
  timeZone: 'Not a known time zone: use a name like Asia/Shanghai or Europe/Berlin.',
};
