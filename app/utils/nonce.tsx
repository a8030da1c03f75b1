import { createContext, useContext } from "react";

// The CSP nonce of this response, for Remix's inline scripts. In the browser it is "" (browsers hide
// nonce attributes from the DOM, so hydration compares "" with "").
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
