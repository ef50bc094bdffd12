// The countdown the CLI's progress line and the editor's run section show while requests wait for
// a rate limit: it must count down by itself (a pause is announced once and may last a minute),
// stop when the pause is over, and never be shortened by a later, shorter pause.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { pauseNote } from '../../src/cli/progressLine.ts';
import { PauseCountdown } from '../../src/teacher/pauseCountdown.ts';

describe('PauseCountdown', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('counts down each second while a pause lasts, then stops ticking', () => {
    const shown: Array<string | null> = [];
    const countdown: PauseCountdown = new PauseCountdown(() => {
      const seconds = countdown.secondsLeft();
      shown.push(seconds === null ? null : pauseNote(seconds));
    });
    assert.equal(countdown.secondsLeft(), null);
    countdown.onEvent({ type: 'pause', until: Date.now() + 2500, waitMs: 2500, cause: 'rate-limit-window' });
    mock.timers.tick(1000);
    mock.timers.tick(1000);
    mock.timers.tick(1000);
    mock.timers.tick(5000);
    assert.deepEqual(shown, [
      'waiting for the rate limit, resumes in 3 s',
      'waiting for the rate limit, resumes in 2 s',
      'waiting for the rate limit, resumes in 1 s',
      null,
    ]);
    countdown.stop();
  });

  it('ignores other events and a pause that ends sooner than the one under way', () => {
    let ticks = 0;
    const countdown = new PauseCountdown(() => ticks++);
    countdown.onEvent({ type: 'window', window: 2 });
    assert.equal(ticks, 0);
    countdown.onEvent({ type: 'pause', until: Date.now() + 60_000, waitMs: 60_000, cause: 'retry-after' });
    countdown.onEvent({ type: 'pause', until: Date.now() + 1000, waitMs: 1000, cause: 'retry-after' });
    assert.equal(ticks, 1);
    assert.equal(countdown.secondsLeft(), 60);
    countdown.stop();
  });

  it('says whether it waits for the rate limit or for an endpoint that is down', () => {
    const countdown = new PauseCountdown(() => undefined);
    countdown.onEvent({ type: 'pause', until: Date.now() + 2000, waitMs: 2000, cause: 'unavailable' });
    assert.equal(pauseNote(countdown.secondsLeft() ?? 0, countdown.waitingFor), 'the endpoint is unavailable, trying again in 2 s');
    countdown.onEvent({ type: 'pause', until: Date.now() + 5000, waitMs: 5000, cause: 'retry-after' });
    assert.equal(pauseNote(countdown.secondsLeft() ?? 0, countdown.waitingFor), 'waiting for the rate limit, resumes in 5 s');
    countdown.stop();
  });
});
