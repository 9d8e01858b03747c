import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Server } from '../../src/index.js';
import { TOKEN } from '../helpers/fixtures.js';
import nock, { API, isolateNetwork, resetNock } from '../helpers/nock.js';
import { rejection, reqheaders } from './helpers.js';

beforeEach(isolateNetwork);
afterEach(resetNock);

const server = () => new Server({ serverToken: TOKEN, retry: { baseDelay: 0 }, timeout: 2000 });

// An open as Postmark's reference shows one, with the nulls the real API sends.
const open = {
  RecordType: 'Open',
  Client: { Name: 'Chrome 35.0.1916.153', Company: 'Google', Family: 'Chrome' },
  OS: { Name: 'OS X 10.7 Lion', Company: 'Apple Computer, Inc.', Family: 'OS X 10' },
  Platform: 'WebMail',
  UserAgent: 'Mozilla/5.0',
  ReadSeconds: 16,
  Geo: {
    CountryISOCode: 'RS',
    Country: 'Serbia',
    RegionISOCode: 'VO',
    Region: 'Autonomna Pokrajina Vojvodina',
    City: 'Novi Sad',
    Zip: '21000',
    Coords: '45.2517,19.8369',
    IP: '188.2.95.4',
  },
  MessageID: '927e56d2-dc08-4f81-b1e3-1bd8e0e9f6fd',
  MessageStream: 'outbound',
  ReceivedAt: '2014-06-01T12:00:00.0000000-04:00',
  Tag: 'welcome-user',
  Recipient: 'john.doe@yahoo.com',
  FirstOpen: true,
  Metadata: { user_id: '42', OrderID: 'A-1' },
  SomethingNew: 'kept',
};

describe('server.opens and server.clicks', () => {
  it('reads opens in camelCase with Dates, keeping metadata keys and new fields', async () => {
    nock(API, { reqheaders })
      .get('/messages/outbound/opens')
      .query({
        count: 100,
        offset: 0,
        recipient: 'john.doe@yahoo.com',
        client_name: 'Chrome',
        os_family: 'OS X',
        messagestream: 'outbound',
      })
      .reply(200, { TotalCount: 1, Opens: [open] });
    const { totalCount, opens } = await server().opens.search({
      recipient: 'john.doe@yahoo.com',
      clientName: 'Chrome',
      osFamily: 'OS X',
      stream: 'outbound',
    });
    expect(totalCount).toBe(1);
    expect(opens[0]).toEqual({
      recordType: 'Open',
      client: { name: 'Chrome 35.0.1916.153', company: 'Google', family: 'Chrome' },
      os: { name: 'OS X 10.7 Lion', company: 'Apple Computer, Inc.', family: 'OS X 10' },
      platform: 'WebMail',
      userAgent: 'Mozilla/5.0',
      readSeconds: 16,
      geo: {
        countryIsoCode: 'RS',
        country: 'Serbia',
        regionIsoCode: 'VO',
        region: 'Autonomna Pokrajina Vojvodina',
        city: 'Novi Sad',
        zip: '21000',
        coords: '45.2517,19.8369',
        ip: '188.2.95.4',
      },
      messageId: '927e56d2-dc08-4f81-b1e3-1bd8e0e9f6fd',
      messageStream: 'outbound',
      receivedAt: new Date('2014-06-01T16:00:00Z'),
      tag: 'welcome-user',
      recipient: 'john.doe@yahoo.com',
      firstOpen: true,
      metadata: { user_id: '42', OrderID: 'A-1' },
      somethingNew: 'kept',
    });
  });

  it('reads an open whose Client, OS and Geo are null', async () => {
    const bare = { ...open, Client: null, OS: null, Geo: null, Metadata: null, Tag: null };
    nock(API)
      .get('/messages/outbound/opens/a%2Fb')
      .query({ count: 50, offset: 0 })
      .reply(200, { TotalCount: 1, Opens: [bare] });
    const { opens } = await server().opens.forMessage('a/b', { count: 50 });
    expect(opens[0]).not.toHaveProperty('client');
    expect(opens[0]).not.toHaveProperty('metadata');
    expect(opens[0]?.recipient).toBe('john.doe@yahoo.com');
  });

  it('lists clicks, and every click with all()', async () => {
    const click = {
      ...open,
      RecordType: 'Click',
      FirstOpen: undefined,
      ReadSeconds: undefined,
      OriginalLink: 'https://example.com/welcome',
      ClickLocation: 'HTML',
    };
    nock(API)
      .get('/messages/outbound/clicks')
      .query({ count: 1, offset: 0, tag: 'welcome-user' })
      .reply(200, { TotalCount: 2, Clicks: [click] })
      .get('/messages/outbound/clicks')
      .query({ count: 1, offset: 1, tag: 'welcome-user' })
      .reply(200, { TotalCount: 2, Clicks: [{ ...click, ClickLocation: 'Text' }] });
    const seen = [];
    for await (const c of server().clicks.all({ tag: 'welcome-user', count: 1 }))
      seen.push([c.originalLink, c.clickLocation]);
    expect(seen).toEqual([
      ['https://example.com/welcome', 'HTML'],
      ['https://example.com/welcome', 'Text'],
    ]);
  });

  it('checks filters before any request', async () => {
    const s = server();
    await expect(s.opens.search({ clientname: 'x' } as never)).rejects.toThrow(
      /opens.search\(\): unknown filter 'clientname' \(did you mean "clientName"\?\)/,
    );
    await expect(s.clicks.search({ count: 0 })).rejects.toThrow(RangeError);
    await expect(s.opens.forMessage('')).rejects.toThrow(/the id is empty/);
    await expect(s.clicks.forMessage('id', { tag: 'x' } as never)).rejects.toThrow(
      /unknown filter 'tag'/,
    );
  });

  it('reports an answer that is not a list of opens', async () => {
    nock(API)
      .get('/messages/outbound/opens')
      .query(true)
      .times(3)
      .reply(200, { TotalCount: 1, Opens: [{ ...open, ReceivedAt: 'yesterday' }] });
    expect(await rejection(server().opens.search())).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/Opens\[0\]\.ReceivedAt/),
    });
  });
});

describe('server.stats', () => {
  it('reads the overview, a missing total as 0', async () => {
    nock(API, { reqheaders })
      .get('/stats/outbound')
      .query({ tag: 'welcome', fromdate: '2024-05-01', todate: '2024-05-31' })
      .reply(200, { Sent: 10, Bounced: 1, SMTPApiErrors: null, BounceRate: 10, Opens: 4 });
    const overview = await server().stats.overview({
      tag: 'welcome',
      fromDate: '2024-05-01',
      toDate: '2024-05-31',
    });
    expect(overview).toMatchObject({
      sent: 10,
      bounced: 1,
      smtpApiErrors: 0,
      bounceRate: 10,
      opens: 4,
      totalClicks: 0,
    });
    expect(Object.keys(overview)).toHaveLength(17);
  });

  it('reads counts by day: fixed names in camelCase (0 when left out), new ones too', async () => {
    nock(API)
      .get('/stats/outbound/bounces')
      .query({ messagestream: 'outbound' })
      .reply(200, {
        Days: [
          { Date: '2024-05-01', HardBounce: 2, SMTPApiError: 1 },
          { Date: '2024-05-02', SoftBounce: 1, NewKind: 3 },
        ],
        HardBounce: 2,
        SMTPApiError: 1,
        SoftBounce: 1,
        NewKind: 3,
      });
    const bounces = await server().stats.bounces({ stream: 'outbound' });
    expect(bounces).toEqual({
      hardBounce: 2,
      softBounce: 1,
      smtpApiError: 1,
      transient: 0,
      newKind: 3,
      days: [
        { date: '2024-05-01', hardBounce: 2, softBounce: 0, smtpApiError: 1, transient: 0 },
        {
          date: '2024-05-02',
          hardBounce: 0,
          softBounce: 1,
          smtpApiError: 0,
          transient: 0,
          newKind: 3,
        },
      ],
    });
    nock(API)
      .get('/stats/outbound/clicks/location')
      .reply(200, { Days: [{ Date: '2024-05-01', HTML: 3 }], HTML: 3 });
    expect(await server().stats.clickLocations()).toEqual({
      html: 3,
      text: 0,
      days: [{ date: '2024-05-01', html: 3, text: 0 }],
    });
  });

  it('keeps the names Postmark takes from the data as they are', async () => {
    nock(API)
      .get('/stats/outbound/opens/emailclients')
      .reply(200, {
        Days: [{ Date: '2024-05-01', 'Apple Mail': 2, Outlook: 1 }],
        'Apple Mail': 2,
        Outlook: 1,
      });
    expect(await server().stats.openClients()).toEqual({
      counts: { 'Apple Mail': 2, Outlook: 1 },
      days: [{ date: '2024-05-01', counts: { 'Apple Mail': 2, Outlook: 1 } }],
    });
    nock(API).get('/stats/outbound/opens/readtimes').reply(200, { Days: null });
    expect(await server().stats.readTimes()).toEqual({ counts: {}, days: [] });
  });

  it('calls every breakdown at its path', async () => {
    const paths = {
      sends: '/sends',
      spam: '/spam',
      tracked: '/tracked',
      opens: '/opens',
      openPlatforms: '/opens/platforms',
      clicks: '/clicks',
      clickBrowsers: '/clicks/browserfamilies',
      clickPlatforms: '/clicks/platforms',
    } as const;
    const stats = server().stats;
    for (const [name, path] of Object.entries(paths)) {
      nock(API).get(`/stats/outbound${path}`).reply(200, { Days: [] });
      await stats[name as keyof typeof paths]();
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('takes days, a Date as its Eastern day, and refuses a time it would ignore', async () => {
    nock(API)
      .get('/stats/outbound/sends')
      .query({ fromdate: '2024-04-30' })
      .reply(200, { Days: [{ Date: '2024-04-30', Sent: 1 }], Sent: 1 });
    // 02:00 UTC on 1 May is still 30 April in New York.
    const sends = await server().stats.sends({ fromDate: new Date('2024-05-01T02:00:00Z') });
    expect(sends.sent).toBe(1);
    await expect(server().stats.sends({ fromDate: '2024-05-01T10:00:00' })).rejects.toThrow(
      /has a time; statistics take a day/,
    );
    // What is no date at all is told the one form a day takes, not a date-time it refuses.
    const error = await rejection(server().stats.sends({ toDate: 'tomorrow' }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      "stats.sends(): toDate 'tomorrow' is not a date: statistics take a day, 'YYYY-MM-DD' (Eastern time, as Postmark reads it), or a Date",
    );
    await expect(
      server().stats.sends({ fromDate: '2024-05-02', toDate: '2024-05-01' }),
    ).rejects.toThrow(/fromDate \(2024-05-02\) is after toDate/);
    await expect(server().stats.opens({ count: 5 } as never)).rejects.toThrow(
      /unknown filter 'count'/,
    );
  });

  it('reports a count that is not a number', async () => {
    nock(API)
      .get('/stats/outbound/sends')
      .times(3)
      .reply(200, { Days: [{ Date: '2024-05-01', Sent: 'many' }] });
    expect(await rejection(server().stats.sends())).toMatchObject({
      name: 'ApiError',
      message: expect.stringMatching(/count/),
    });
  });
});

describe('server.info() and server.edit()', () => {
  const settings = {
    ID: 1,
    Name: 'Production',
    ApiTokens: [TOKEN, 'other-token-1234'],
    Color: 'red',
    SmtpApiActivated: true,
    RawEmailEnabled: false,
    DeliveryType: 'Live',
    ServerLink: 'https://account.postmarkapp.com/servers/1/streams',
    InboundAddress: 'abc@inbound.postmarkapp.com',
    InboundHookUrl: null,
    BounceHookUrl: '',
    TrackOpens: false,
    TrackLinks: 'None',
    InboundSpamThreshold: 5,
    SomethingNew: true,
  };

  it('reads the settings, never showing the token it was called with', async () => {
    nock(API, { reqheaders }).get('/server').reply(200, settings);
    const info = await server().info();
    expect(info).toMatchObject({ id: 1, name: 'Production', color: 'red', somethingNew: true });
    expect(info.apiTokens).toEqual(['[redacted]', 'other-token-1234']);
    expect(info).not.toHaveProperty('inboundHookUrl');
  });

  it('sends changes by their Postmark names, a colour in lower case, once', async () => {
    nock(API, { reqheaders })
      .put('/server', {
        Name: 'Staging',
        Color: 'blue',
        TrackOpens: true,
        TrackLinks: 'HtmlOnly',
        BounceHookUrl: '',
        InboundSpamThreshold: 30,
      })
      .reply(200, { ...settings, Name: 'Staging', Color: 'blue' });
    const edited = await server().edit({
      name: 'Staging',
      color: 'Blue',
      trackOpens: true,
      trackLinks: 'HtmlOnly',
      bounceHookUrl: '',
      inboundSpamThreshold: 30,
    });
    expect(edited).toMatchObject({ name: 'Staging', color: 'blue' });
    nock(API).put('/server').reply(500);
    expect(await rejection(server().edit({ name: 'x' }))).toMatchObject({ status: 500 });
  });

  it('refuses bad changes before any request', async () => {
    const s = server();
    await expect(s.edit({ colour: 'red' } as never)).rejects.toThrow(/did you mean "color"/);
    await expect(s.edit({ color: 'pink' })).rejects.toThrow(/'pink' is not one of purple/);
    await expect(s.edit({ inboundSpamThreshold: 31 })).rejects.toThrow(/from 0 to 30/);
    await expect(s.edit({ openHookUrl: 'ftp://x.example' })).rejects.toThrow(/http: or https:/);
    await expect(s.edit({ trackLinks: 'htmlOnly' as never })).rejects.toThrow(
      /did you mean "HtmlOnly"/,
    );
  });
});
