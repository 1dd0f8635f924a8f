// What the weapp build defines: the platform, and the API base the tests' fake answers from.
process.env.TARO_ENV = 'weapp'
process.env.TARO_APP_API_BASE = ''
