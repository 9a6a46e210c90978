/** Setting up a station's database, and the stations' app versions (English). */
export const setupDbErrorsEn = {
  appOutdated: "This PC's app ({{mine}}) is older than the shop's database ({{shop}}) — update this PC.",
};
