// The signed-in token lives in sessionStorage: gone when the tab closes, never sent anywhere but this server.
const TokenKey = 'depc.token';

export const session = {
  token: () => sessionStorage.getItem(TokenKey),
  save: (token) => sessionStorage.setItem(TokenKey, token),
  clear: () => sessionStorage.removeItem(TokenKey),
};
