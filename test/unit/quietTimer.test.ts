// The quiet timer: a flush once pokes pause, never later than the longest wait after the first poke.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { quietTimer } from '../../src/quietTimer.js';

function withClock(run: () => void): void {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    run();
  } finally {
    mock.timers.reset();
  }
}

test('flushes once pokes pause for the quiet period', () =>
  withClock(() => {
    let flushes = 0;
    const t = quietTimer(20, 250, () => flushes++);
    t.poke();
    mock.timers.tick(15);
    t.poke();
    mock.timers.tick(15);
    assert.equal(flushes, 0, 'the second poke restarted the quiet period');
    mock.timers.tick(5);
    assert.equal(flushes, 1);
    mock.timers.tick(1000);
    assert.equal(flushes, 1, 'nothing more without a poke');
  }));

test('steady pokes cannot hold the flush back past the longest wait', () =>
  withClock(() => {
    const at: number[] = [];
    const t = quietTimer(20, 100, () => at.push(Date.now()));
    for (let i = 0; i < 30; i++) {
      t.poke();
      mock.timers.tick(10);
    }
    assert.deepEqual(at, [100, 200, 300], 'flushed every longest wait while the pokes go on');
  }));

test('cancel forgets the pending flush; the next poke starts a new period', () =>
  withClock(() => {
    let flushes = 0;
    const t = quietTimer(20, 250, () => flushes++);
    t.poke();
    t.cancel();
    mock.timers.tick(500);
    assert.equal(flushes, 0);
    t.poke();
    mock.timers.tick(20);
    assert.equal(flushes, 1);
  }));
