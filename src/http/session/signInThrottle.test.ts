import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './signInThrottle.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SignInThrottle', () => {
  it('lets three failures pass, then locks for a delay that doubles', () => {
    const time = clock();
    const throttle = new SignInThrottle(time.now);
    for (let i = 0; i < 3; i++) {
      throttle.check('ada@example.com', '1.1.1.1');
      throttle.failed('ada@example.com', '1.1.1.1');
    }
    throttle.check('ada@example.com', '1.1.1.1');
    throttle.failed('ada@example.com', '1.1.1.1');
    expect(() => throttle.check('ADA@example.com', '1.1.1.1')).toThrow(/wait 1 seconds/);
    time.advance(1000);
    throttle.check('ada@example.com', '1.1.1.1');
    throttle.failed('ada@example.com', '1.1.1.1');
    expect(() => throttle.check('ada@example.com', '1.1.1.1')).toThrow(/wait 2 seconds/);
    // Another email from the same address is not locked yet.
    throttle.check('bob@example.com', '1.1.1.1');
  });

  it('forgets failures after the window, and a success clears the email', () => {
    const time = clock();
    const throttle = new SignInThrottle(time.now);
    for (let i = 0; i < 3; i++) throttle.failed('ada@example.com', '1.1.1.1');
    throttle.succeeded('ada@example.com', '1.1.1.1');
    throttle.failed('ada@example.com', '1.1.1.1');
    throttle.check('ada@example.com', '1.1.1.1');
    for (let i = 0; i < 5; i++) throttle.failed('ada@example.com', '1.1.1.1');
    expect(() => throttle.check('ada@example.com', '1.1.1.1')).toThrow(/RATE|wait/);
    time.advance(16 * 60 * 1000);
    throttle.check('ada@example.com', '1.1.1.1');
  });

  it('locks an address that fails across many emails', () => {
    const throttle = new SignInThrottle(clock().now);
    for (let i = 0; i < 31; i++) throttle.failed(`user${i}@example.com`, '2.2.2.2');
    expect(() => throttle.check('new@example.com', '2.2.2.2')).toThrow(/Too many failed/);
    throttle.check('new@example.com', '3.3.3.3');
  });
});
