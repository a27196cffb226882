/// `userInfo` as `Encoder` and `Decoder` hand it on; an empty one without converting each time.
func codingUserInfo(_ userInfo: [CodingUserInfoKey: any Sendable]) -> [CodingUserInfoKey: Any] {
    if userInfo.isEmpty { return [:] }
    return userInfo
}
