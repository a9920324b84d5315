// Share links: the whole source in the URL fragment, deflated (CompressionStream
// "deflate-raw") and written in base64url. A fragment is never sent to a server.
//
//   #argdown=<base64url>   or   #json=<base64url>
//
// `readLink` takes a whole link, or just its fragment (with or without `#`).

const PREFIXES = { argdown: 'argdown=', json: 'json=' };

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export function toBase64url(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64(text) {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/// The fragment (with its `#`) that carries this source.
export async function makeFragment(source, format) {
  const deflated = await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw'));
  return '#' + PREFIXES[format] + toBase64url(deflated);
}

/// The source and format a link or fragment carries; `null` when it carries none; an
/// Error saying what is wrong when it is damaged.
export async function readLink(text) {
  let fragment = text.trim();
  const hash = fragment.indexOf('#');
  if (hash >= 0) fragment = fragment.slice(hash + 1);
  const format = Object.keys(PREFIXES).find((f) => fragment.startsWith(PREFIXES[f]));
  if (!format) return null;
  const data = fragment.slice(PREFIXES[format].length);
  let bytes;
  try {
    bytes = fromBase64(decodeURIComponent(data));
  } catch {
    throw new Error('the link is damaged: its map is not valid base64url (was it cut short?)');
  }
  let inflated;
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error('the link is damaged: its map does not decompress (was it cut short?)');
  }
  const source = new TextDecoder('utf-8', { fatal: false }).decode(inflated);
  return { source, format };
}

/// Gunzips bytes inlined in the page (the core and the fonts).
export function gunzip(bytes) {
  return pipe(bytes, new DecompressionStream('gzip'));
}
