/**
 * Worker side of the event-loop figure: a dedicated worker that runs the same bounded computation as
 * the page does, so that the page's event loop keeps turning meanwhile. One request, one reply; the
 * page terminates the worker after the reply (or on unmount), so none outlives its measurement.
 */
import { countPrimesFor, type ComputeRequest } from './busy-work.ts';

self.onmessage = (event: MessageEvent<ComputeRequest>) => {
  if (event.data.type !== 'compute') return;
  self.postMessage(countPrimesFor(event.data.ms));
};
