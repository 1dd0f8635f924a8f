// What the H5 build defines from .env.*: the same origin, dev login on.
process.env.TARO_ENV = 'h5'
process.env.TARO_APP_API_BASE = ''
process.env.TARO_APP_DEV_LOGIN = 'true'
