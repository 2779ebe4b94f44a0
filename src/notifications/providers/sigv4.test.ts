import { describe, expect, it } from 'vitest';
import { signV4 } from './sigv4.ts';

// The worked example of AWS's "Create a signed AWS API request" documentation (IAM ListUsers).
const example = {
  request: {
    method: 'GET',
    url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: '',
  },
  options: {
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    region: 'us-east-1',
    service: 'iam',
    date: new Date('2015-08-30T12:36:00Z'),
  },
};

describe('signV4', () => {
  it('reproduces the AWS documentation example exactly', () => {
    const signed = signV4(example.request, example.options);
    expect(signed.canonicalRequest).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(signed.stringToSign).toBe('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(signed.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    expect(signed.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'iam.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
  });

  it('signs the session token and the payload hash header when asked', () => {
    const signed = signV4(
      { ...example.request, method: 'POST', body: '{"a":1}' },
      { ...example.options, credentials: { ...example.options.credentials, sessionToken: 'TOKEN' }, contentSha256: true },
    );
    const payloadHash = '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862';
    expect(signed.headers['x-amz-security-token']).toBe('TOKEN');
    expect(signed.headers['x-amz-content-sha256']).toBe(payloadHash);
    expect(signed.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
    expect(signed.canonicalRequest.split('\n').at(-1)).toBe(payloadHash);
    expect(signed.signature).not.toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('canonicalises the path, the query and header values', () => {
    const signed = signV4(
      { method: 'post', url: 'http://127.0.0.1:8080/v2/a%20b/c?b=2&a=3&a=1&c=x%20y*', headers: { 'X-Custom': '  two   words ' }, body: '' },
      example.options,
    );
    const lines = signed.canonicalRequest.split('\n');
    expect(lines.slice(0, 6)).toEqual(['POST', '/v2/a%2520b/c', 'a=1&a=3&b=2&c=x%20y%2A', 'host:127.0.0.1:8080', 'x-amz-date:20150830T123600Z', 'x-custom:two words']);
  });
});
