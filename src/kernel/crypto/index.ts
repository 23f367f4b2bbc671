// Chinese commercial cryptography (商用密码) for govdata:
//   SM3 hash and HMAC-SM3 (GB/T 32905-2016), SM4-CBC and SM4-GCM (GB/T 32907-2016, RFC 8998),
//   SM2 signatures (GB/T 32918-2016/2017). Bytes in and out as Buffers; string data is UTF-8.
export type { BytesLike } from './bytes.ts';
export {
  SM2_DEFAULT_USER_ID,
  type Sm2KeyPair,
  type Sm2Options,
  sm2Digest,
  sm2GenerateKeyPair,
  sm2NormalizePublicKey,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  sm2Za,
} from './sm2.ts';
export { sm2SignatureFromDer, sm2SignatureToDer } from './sm2-der.ts';
export { hmacSm3, hmacSm3Verify, sm3, sm3Hex } from './sm3.ts';
export { SM4_BLOCK_BYTES, SM4_KEY_BYTES, sm4CbcDecrypt, sm4CbcEncrypt } from './sm4.ts';
export {
  AuthenticationError,
  openSm4Gcm,
  SM4_GCM_IV_BYTES,
  SM4_GCM_TAG_BYTES,
  type Sm4GcmResult,
  sealSm4Gcm,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from './sm4-gcm.ts';
