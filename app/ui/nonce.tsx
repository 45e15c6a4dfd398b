import { createContext, useContext } from "react";

// The CSP nonce reaches components through context: set on the server, empty in the browser (browsers hide it).
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
