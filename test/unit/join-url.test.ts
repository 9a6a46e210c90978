import { parse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { joinUrl } from '../../main/db/join';

/** What a person types at "Join the shop's database" reaches the server as typed: pg decodes
 * the URL it is given, and the URL setters leave '%' as it is ("%ff" was a malformed URL and an
 * INTERNAL error, "%41" the password "A"). */
describe('the join URL', () => {
  it.each([
    ['%00%ff', 'a@b.co', '李娜'],
    ['p@ss:w/rd?#', 'shop user', 'shop%41'],
    ['%41', 'ws', 'ws'],
  ])('keeps password %j, user %j and database %j as typed', (password, user, database) => {
    const url = joinUrl({ host: 'nas.local', port: 5432, database, user, password });
    expect(parse(url)).toMatchObject({
      host: 'nas.local',
      port: '5432',
      database,
      user,
      password,
    });
  });
});
