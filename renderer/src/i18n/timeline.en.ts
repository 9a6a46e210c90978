/** Timeline event kinds written by pickup, follow-up, inventory and privacy, and the verbs of a
 * part's history line (its note is stored as written; the renderer reads its prefix). */
export const timelineKindsEn = {
  part: 'Part',
  callback_missed: 'Callback missed',
  complaint: 'Complaint',
  complaint_closed: 'Complaint closed',
  customer_told: 'Customer told',
  manager_followup: 'Manager follow-up',
  refund: 'Refund',
  returned_unrepaired: 'Returned unrepaired',
  passcode_erased: 'Passcode erased',
};

export const timelinePartEn = {
  waiting: 'waiting for stock',
  reserved: 'reserved',
  fitted: 'fitted',
  released: 'released',
  returned: 'returned to stock',
  returnedFaulty: 'returned to stock (faulty)',
  removed: 'removed part {{serial}}',
};
