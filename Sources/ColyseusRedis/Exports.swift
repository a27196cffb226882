@_exported import RedisClient
