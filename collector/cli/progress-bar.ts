/**
 * A one-line progress bar redrawn in place (`\r`) on a terminal stream, at most
 * every 100 ms so that it never slows the work it reports on.
 *
 * @param stream where to draw; nothing is drawn when it is not a TTY except the final line
 * @example
 * const bar = progressBar(process.stderr, total); bar.update(done); bar.done();
 */
export function progressBar(stream: NodeJS.WriteStream, total: number): { update(done: number): void; done(done: number): void } {
  let lastDraw = 0;
  const draw = (done: number): void => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} events`);
  };
  return {
    update(done) {
      const now = Date.now();
      if (!stream.isTTY || now - lastDraw < 100) return;
      lastDraw = now;
      draw(done);
    },
    done(done) {
      draw(done);
      stream.write('\n');
    },
  };
}
