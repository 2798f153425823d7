import { createContext, useContext } from 'react';

// The CSP nonce of this response. Set on the server; browsers hide nonce values from the DOM,
// so on the client it is the empty string, which hydrates cleanly.
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
