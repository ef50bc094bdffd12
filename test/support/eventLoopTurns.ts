// Counts the turns of this thread's event loop until stopped: a test's proof that work it
// awaited ran elsewhere (a worker) and left the thread free, without timing anything.
export function countEventLoopTurns(): { stop: () => number } {
  let turns = 0;
  let turning = true;
  const turn = () => {
    turns += 1;
    if (turning) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop: () => {
      turning = false;
      return turns;
    },
  };
}
