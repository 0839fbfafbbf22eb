/**
 * The page's side of the terms worker (`worker/terms.worker.ts`). Imported dynamically by the Terms
 * and Compare panels, so the worker, the renderer and the differ load when one of them first opens.
 */
import { Problem, type TermsRequest, type TermsResponse } from './protocol.js';
import TermsWorker from './worker/terms.worker?worker';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class TermsClient {
  private readonly worker = new TermsWorker({ name: 'pledge-terms' });
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: TermsResponse) => void; reject: (e: unknown) => void }>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<TermsResponse>) => {
      const r = event.data;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.type === 'problem') p.reject(new Problem(r.message, r.details));
      else p.resolve(r);
    };
    this.worker.onerror = (event) => {
      for (const p of this.pending.values()) p.reject(new Problem(`the terms worker stopped: ${event.message}`));
      this.pending.clear();
    };
  }

  private request<T extends TermsResponse['type']>(body: DistributiveOmit<TermsRequest, 'id'>, type: T): Promise<Extract<TermsResponse, { type: T }>> {
    const id = this.nextId++;
    return new Promise<TermsResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as TermsRequest);
    }).then((r) => {
      if (r.type !== type) throw new Problem(`unexpected answer ${r.type}`);
      return r as Extract<TermsResponse, { type: T }>;
    });
  }

  terms(text: string, lang: 'en' | 'zh') {
    return this.request({ type: 'terms', text, lang }, 'terms');
  }

  compare(old: string, now: string, lang: 'en' | 'zh') {
    return this.request({ type: 'compare', old, new: now, lang }, 'compare');
  }
}

let shared: TermsClient | undefined;
/** The one terms worker of the page, started on first use. */
export function termsClient(): TermsClient {
  return (shared ??= new TermsClient());
}
