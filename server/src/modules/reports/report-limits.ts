/** Wrong receipt codes one IP address may try in an hour (lookups and follow-ups together), to stop guessing. */
export const RECEIPT_MISSES_PER_HOUR = 30;
/** Follow-up messages one IP address may send in an hour. */
export const FOLLOW_UPS_PER_HOUR = 30;
/** The same text about the same village within this time is linked to the earlier report. */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

/** Rate-limit bucket kinds (the IP part is an HMAC, see RateLimiter.ipBucket). */
export const BUCKET = {
  report: 'report',
  upload: 'upload',
  receiptMiss: 'receipt-miss',
  followUp: 'follow',
  /** Named reports per villager: 'report:who:' + villager id. */
  reporter: (villagerId: number) => `report:who:${villagerId}`,
} as const;
