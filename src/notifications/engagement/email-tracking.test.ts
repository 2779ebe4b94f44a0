import { describe, expect, it } from 'vitest';
import { decodeEntities, trackEmail } from './email-tracking.ts';

const urls = { publicUrl: 'https://parley.test', click: (i: number) => `https://parley.test/t/c/L${i}`, pixel: () => 'https://parley.test/t/o/P' };

describe('tracking written into an email', () => {
  it('rewrites the http(s) hrefs of links, once per URL, and leaves other schemes, images and Parley\'s own links alone', () => {
    const html =
      '<p><a href="https://a.example/x?y=1&amp;z=2">A</a> <A HREF=\'http://b.example\'>B</A> <a href="https://a.example/x?y=1&z=2">A again</a>' +
      '<img src="https://cdn.example/logo.png"> <a href="mailto:x@y.example">m</a> <a href="https://parley.test/u/abc">unsubscribe</a> <a name="top">t</a></p>';
    const out = trackEmail({ html }, urls);
    expect(out.links).toEqual(['https://a.example/x?y=1&z=2', 'http://b.example']);
    expect(out.html).toBe(
      '<p><a href="https://parley.test/t/c/L0">A</a> <A HREF="https://parley.test/t/c/L1">B</A> <a href="https://parley.test/t/c/L0">A again</a>' +
        '<img src="https://cdn.example/logo.png"> <a href="mailto:x@y.example">m</a> <a href="https://parley.test/u/abc">unsubscribe</a> <a name="top">t</a></p>' +
        '<img src="https://parley.test/t/o/P" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0">',
    );
  });

  it('puts the pixel before </body> and tracks the text body\'s URLs, keeping the punctuation around them', () => {
    const out = trackEmail({ html: '<html><body><a href="https://a.example">a</a></body></html>', text: 'See https://a.example. Or (https://c.example/p?q=1), or https://parley.test/u/x' }, urls);
    expect(out.html).toMatch(/<\/a><img src="https:\/\/parley.test\/t\/o\/P"[^>]*><\/body><\/html>$/);
    expect(out.text).toBe('See https://parley.test/t/c/L0. Or (https://parley.test/t/c/L1), or https://parley.test/u/x');
    expect(out.links).toEqual(['https://a.example', 'https://c.example/p?q=1']);
  });

  it('adds nothing to a text-only email but its links, and leaves a body without links as it was', () => {
    expect(trackEmail({ text: 'No links here.' }, urls)).toEqual({ text: 'No links here.', html: undefined, links: [] });
  });

  it('decodes the entities a template writes into an attribute', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&quot;&unknown;')).toBe('a&b&c&d"&unknown;');
  });
});
