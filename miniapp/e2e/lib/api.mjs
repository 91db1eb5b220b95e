// The server's API, for setting up and checking what the pages show.
export const DEMO_PASSWORD = 'mingbai-demo-2026'

export class Api {
  constructor(apiBase) {
    this.base = apiBase
    this.tokens = new Map()
  }

  async request(method, path, { body, as } = {}) {
    const headers = {}
    if (as) headers.authorization = `Bearer ${await this.token(as)}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }

  /** Any answer, without throwing: { status, headers, text, json }. */
  async raw(method, path, { body, as, headers = {} } = {}) {
    const h = { ...headers }
    if (as) h.authorization = `Bearer ${await this.token(as)}`
    if (body !== undefined) h['content-type'] = 'application/json'
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, text, json }
  }

  get(path, as) {
    return this.request('GET', path, { as })
  }

  /** An access token of a demo account (its own sign-in, separate from the phones'). */
  async token(username) {
    if (!this.tokens.has(username)) {
      const res = await this.request('POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } })
      this.tokens.set(username, res.accessToken)
    }
    return this.tokens.get(username)
  }

  village(id) {
    return this.get(`/villages/${id}`)
  }

  summary(villageId, year) {
    return this.get(`/villages/${villageId}/summary?year=${year}`)
  }

  entries(villageId, query = {}) {
    return this.get(`/villages/${villageId}/entries?${new URLSearchParams(query)}`)
  }

  entry(id) {
    return this.get(`/entries/${id}`)
  }

  staffEntry(id, as) {
    return this.get(`/staff/entries/${id}`, as)
  }

  /** The staff view of entries in a status, newest first, for one account. */
  async staffEntries(status, as) {
    return (await this.get(`/staff/entries?status=${status}&limit=50`, as)).items
  }

  /** Active report categories (public). */
  reportCategories() {
    return this.get('/report-categories')
  }

  /** The discipline office's inbox (GET /api/inspector/reports) as one account, e.g. { q: tag }. */
  inspectorReports(query, as) {
    return this.get(`/inspector/reports?${new URLSearchParams(query)}`, as)
  }

  inspectorReport(id, as) {
    return this.get(`/inspector/reports/${id}`, as)
  }

  /** What the holder of a receipt code sees (POST /api/reports/lookup: the code goes in the body). */
  lookupReceipt(receiptCode) {
    return this.request('POST', '/reports/lookup', { body: { receiptCode } })
  }

  /** An address the API answered with (e.g. a signed photo URL '/api/report-files/…'), fetched as is. */
  fetchUrl(url) {
    return fetch(new URL(url, this.base))
  }
}
