import { CASE_STATUS_LABELS, type CaseStatus } from '@mingbai/shared';

/** Where the subscribe message opens the mini-program: 我的举报. */
export const SUBSCRIBE_MESSAGE_PAGE = 'packages/report/pages/mine/index';

/** The same words for every status change: the template's `thing` field takes at most 20 characters. */
export const SUBSCRIBE_MESSAGE_NOTE = '您反映的问题有新进展，请点击查看';

/**
 * The `data` of the status-change subscribe message. The template chosen in the WeChat admin
 * console must have these keys: phrase1 (处理状态, ≤ 5 characters), time2 (更新时间), thing3 (温馨提示,
 * ≤ 20 characters). Nothing of the report's text or the reporter is sent.
 */
export function subscribeMessageData(status: CaseStatus, at: Date): Record<string, { value: string }> {
  return {
    phrase1: { value: CASE_STATUS_LABELS[status].slice(0, 5) },
    time2: { value: chinaDateTime(at) },
    thing3: { value: Array.from(SUBSCRIBE_MESSAGE_NOTE).slice(0, 20).join('') },
  };
}

/** "2026-03-01 16:05" in China time (UTC+8, no daylight saving). */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
