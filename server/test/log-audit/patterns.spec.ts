// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findSecrets } = require('./patterns') as { findSecrets: (text: string) => { what: string; match: string }[] };

describe('log audit patterns', () => {
  it('finds receipt codes, phone numbers, test openids and report texts', () => {
    const found = (line: string) => findSecrets(line).map((h) => h.match);
    expect(found('{"msg":"x","code":"1234567812345678"}')).toEqual(['1234567812345678']);
    expect(found('{"phone":"13912345678"}')).toEqual(['13912345678']);
    expect(found('{"who":"oNAMED-openid-0001"}')).toEqual(['oNAMED-openid-0001']);
    expect(found('{"msg":"村委会把修路款挪去买了车"}')).toEqual(['村委会把修路款挪去买了车']);
    expect(found('{"authorization":"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOjIsInJvbGUiOiJib29ra2VlcGVyIn0.5DyE7zutHXMJbWrsBTIK53tvRsR62JYPThrLhsgef-4"}')).toHaveLength(1);
  });

  it('leaves ordinary log lines alone', () => {
    const line =
      '{"level":30,"time":"2026-11-26T12:00:00.123Z","pid":4242,"service":"mingbai","reqId":"req-1f","req":{"method":"POST","url":"/api/reports","hostname":"127.0.0.1:3000"},"res":{"statusCode":201},"responseTime":12.5,"msg":"request completed","village":"上坂村","at":1764158400123}';
    expect(findSecrets(line)).toEqual([]);
    // digits inside a random multipart boundary are not a receipt code
    expect(findSecrets('{"content-type":"multipart/form-data; boundary=--------------------------357b3e2d3993638559641215"}')).toEqual([]);
  });
});
