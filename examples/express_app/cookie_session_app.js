// The cookie-session configuration of the "Missing Secure Flag on Cookies" guide (its Node
// section), as written there, plus the /login and /dashboard routes the snippet leaves out.
//
// What it really emits (checked by tests/test_examples_express.py): cookie-session reads its
// cookie options from the top level of the options object, not from a nested `cookie` object
// (that is express-session's shape), so the whole `cookie: {...}` block below is ignored:
// `session` and `session.sig` are sent with `path=/; httponly` only: no Secure, no SameSite,
// no Domain, no Expires.  COOKIE_SESSION_CONFIG=fixed moves the options to the top level
// (and drops `domain: 'example.com'` and the relative `path: 'foo/bar'`, which a browser on
// any other host would reject or replace).
var session = require('cookie-session')
var express = require('express')
var app = express()

var expiryDate = new Date(Date.now() + 60 * 60 * 1000) // 1 hour
if (process.env.COOKIE_SESSION_CONFIG === 'fixed') {
  app.set('trust proxy', 1) // secure cookies behind a TLS-terminating proxy
  app.use(session({
    name: 'session',
    keys: ['key1', 'key2'],
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    expires: expiryDate
  }))
} else {
  app.use(session({
    name: 'session',
    keys: ['key1', 'key2'],
    cookie: {
      secure: true,
      httpOnly: true,
      domain: 'example.com',
      path: 'foo/bar',
      expires: expiryDate
    }
  }))
}

app.get('/login', function (req, res) {
  req.session.userId = 'user123'
  res.send('Logged in and session created!')
})

app.get('/dashboard', function (req, res) {
  if (req.session.userId) {
    res.send('Welcome back, ' + req.session.userId + '!')
  } else {
    res.status(401).send('Please log in.')
  }
})

var PORT = process.env.PORT || 3000
app.listen(PORT, function () {
  console.log('Server running on port ' + PORT)
})
