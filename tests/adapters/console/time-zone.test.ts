import { describe, expect, it } from 'vitest';
import { machineTimeZone } from '../../../src/adapters/console/console.js';
import { canonicalTimeZone } from '../../../src/core/zoned-time.js';

describe("the console's time zone", () => {
  it('is the zone Intl reports for this machine, found without asking Intl', () => {
    const intl = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = machineTimeZone(null);
    expect(zone).not.toBeNull();
    expect(canonicalTimeZone(zone as string)).toBe(canonicalTimeZone(intl));
    expect(machineTimeZone(null)).toBe(zone); // asked once
  });

  it('with TZ set, is what Intl says for the process', () => {
    expect(machineTimeZone('Europe/Paris')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
