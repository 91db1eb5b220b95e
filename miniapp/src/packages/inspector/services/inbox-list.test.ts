import { filterFromParams, inboxUrl } from './inbox-list'

const INBOX = '/packages/inspector/pages/inbox/index'

it('takes the filter another page asked for, and leaves anything unknown out', () => {
  expect(filterFromParams({})).toEqual({})
  expect(filterFromParams({ kind: 'report', villageId: '6', overdue: 'true', status: 'accepted' })).toEqual({
    kind: 'report',
    villageId: 6,
    overdue: true,
    status: 'accepted',
  })
  // A rule or a warning state means warnings.
  expect(filterFromParams({ ruleId: 'rent-arrears' })).toEqual({ kind: 'warning', ruleId: 'rent-arrears' })
  expect(filterFromParams({ kind: 'report', warningState: 'open' })).toEqual({ kind: 'warning', warningState: 'open' })
  expect(filterFromParams({ kind: 'x', villageId: '0', ruleId: 'Rent Arrears', status: 'gone', overdue: '1', warningState: 'y' })).toEqual({})
})

it('writes a filter as the inbox’s address, and reads it back', () => {
  expect(inboxUrl(INBOX, {})).toBe(INBOX)
  const url = inboxUrl(INBOX, { villageId: 6 }, '石桥村（清溪镇）')
  expect(url).toBe(`${INBOX}?villageId=6&villageName=${encodeURIComponent('石桥村（清溪镇）')}`)
  expect(inboxUrl(INBOX, { kind: 'warning', ruleId: 'rent-arrears', overdue: false })).toBe(`${INBOX}?kind=warning&ruleId=rent-arrears`)
  const params = Object.fromEntries(new URLSearchParams(inboxUrl(INBOX, { kind: 'warning', warningState: 'resolved', villageId: 7 }).split('?')[1]))
  expect(filterFromParams(params)).toEqual({ kind: 'warning', warningState: 'resolved', villageId: 7 })
})
