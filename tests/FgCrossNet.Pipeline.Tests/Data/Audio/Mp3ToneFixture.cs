namespace FgCrossNet.Pipeline.Tests.Data.Audio;

/// <summary>
/// A 0.5 s, 2 kHz sine at half scale, mono, 22,050 Hz, MPEG-2 layer III at 32 kbit/s (2,299 bytes), made with
/// <c>sox -n -r 22050 -c 1 -b 16 tone.wav synth 0.5 sine 2000 vol 0.5 &amp;&amp; lame -b 32 -m m tone.wav tone.mp3</c>:
/// no managed MP3 encoder exists, so the bytes are kept here.
/// </summary>
internal static class Mp3ToneFixture
{
    public const double Frequency = 2000;

    public static byte[] Bytes => Convert.FromBase64String(Base64);

    private const string Base64 =
        "//NAxAAUMPKkBUF4AFsGMYxjGMYAAAAAAAGMYxjGMdKUpSlKf3vDj3v6bgPGslYNsBbAhiZksNA0EMVjw4JHZQP8HHaA/ynv6EZAH+BHd/R/WBAx3/4Pg+D5" +
        "8oCAYYIIIAABAgGBABH/80LEChbhcsl3h5gCgfeAMIvgtAF8yJogX5iXSZ/MiLDLDp6+oMigfNBl8c0io3ABfifD8X4GXwj49Mi8XkUUVf/5FiLGJdLqReLx" +
        "3/KhIGhKEgaK//wkDRV3///Ytf////////+zoCj/80DEChQpBjQBwPgAAwLAEQVAKjAXQEBxzAIgNswWoE1MDKCGTEAiFw52YMfMbqEUzCnw2owS0EMMElA3" +
        "TAhgEkwGABbHgEVhxZZq8GuK7////0L7z3IGmLAGNQGAhiPcQgXYwCqGAP/zQsQUESkKMAAGvyBQY+YHuqJGVnqDZgD4WsYJ0BEGJLgOJhj4CYYF0AKmAlgA" +
        "AYAejQAsmwyd95JV//9d+hYQSgUEQYWDphyxpgPwBQYG6AomDdAVRisIcWdN+HIGKUgz5gqYRiYH8P/zQMQrECEONAAGvyAdJgIgI0OgL5CASEAAai8wtwIp" +
        "I73V++2YWBjDgMxApAqgSwpgAAG0YAiDGmAIBzRgNjBOY98uGGBOhrJgwYGuYqQA3GHKAH5gbIAgAgLEMAThoAdJgANajgR+//NCxEURaQosAAb/ILL5IneV" +
        "BAWDmYAjXs9AwwK0AtMEmAUjCRwJ0xwYJsPZcCmzGtAfIwawLYMDnBOguC8gkCGCgB2IwBggAB0/GBv3B1G70f///rrr//////mg2wtZAGJAYlAAtFAd//NA" +
        "xFsR4QosAAa/IMjACwL8wCIFcMBBDKzAXFT4wZNRHMEQC/jBZAOYxKcBLMMjAFAEC6hpYWekxZKBg77xy7/+uv//b///8lREAkFAXCAZUAC2EAdmYEkAJGB+" +
        "gFJg/ABwYxKBmHf/80LEbhIhCjAAp/VA4IC+YuyDBmCxhOZgKwIqYCOCkGAGAOYFwECYyErK0iKQfRdq/N5ESgURMMfFYgF5mAMAYBgHIK6YDUGWGB8qnZik" +
        "aiMYMSGHmC7giJiVQBoPDIIcC5CwEiPAHxT/80DEgRIRDjAAp/NAACqTbBHYj9y35KCKhCEAQFAygMBrMBdgAgSMwPgAEMH1ACDGHAxE76AKwMXKBUDBTgmg" +
        "wCYEWMCOBSTAHQHIwAIAxCoAkKAAaqTpxeTT3P+r////+aCxheQBw//zQsSTEAEKMAAGvyCAwZwJQwMNyMAlAwTASgV4wJEMtMF4VJDJbFDUwfIMcMGGBNjE" +
        "qQB0wxsANIgWwnJEzkoJpAK7duIXd9X6FRogCg0MZcMCso2uKwI4FA9xg9wDCYwiJsHeuiNZi//zQMSvEcEOMAAFPwRyCOmCchLZgUYIyYGeCkGAWAOZgBYB" +
        "gCABMQgASyXgikKnev//53/p1qEQeBiEwgtFF4xufMBGBAjAgQc8wPIQgMKFbRTRB2hAww8QfMIZBzTGDAAYxAYBCAQP//NCxMMRyQowAKf1QDjQGQRAL48A" +
        "UCwAWj4yh96n/6f//b/+//Mf//R0Vf7f70P/+2rj6DRQQjgMERA0xcDkigPsDMC/ABjBQgDMwoEDiMfQIWT86h7ox1YEuMGCDAjBXgXQwV4GxMBV//NAxNcQ" +
        "uQ4wAAa/IAJwz0cw6AGDUZm7wO8s87/6/7u/ejV/0//v/u2X6JVX/S//1//GE6xoUAxcYWaAlvMstjAYwSkwLAIQMFJErzDfnsA2FB1pMQIEwjCegkIBG2xi" +
        "RYDuYIoAJBD/80LE7xVJCigABv8EB1iQDYJAG4cAIF81zuhXZ6n2ryqdbGaP7fr/3f6ej9HZ6f/+zf/9v1SNDRgIDwMKSA1JgDkEwPqQMC4AITBOwFownQEz" +
        "MezKND8MSYcxzMDdMFjC7TB0wXUwaMH/80DE9RcBCigAp/VAqjAZAJ008YxiECjEJrYIQ80h7r+5v/Tyn///+3q1/f9Ope4TD/ja5TXXzoZahsvgGFZkQCYc" +
        "lmGSxqPmYE4DEGCFhWJg9gwYYqbOxnK3y1xi84x+YauGamRqAP/zQsT0F8EKJAAO/yCGYukBpGC0gG5gTQAUCgJsIAUAcAVgoAISEZXME6821PWU7hC2GR4i" +
        "yPZtni0jX795RLsd0uon7QCX6aUKr1//2f//7cjgx0B44DDEwNUdA45oD5HzAtQDYwTIB//zQMTxFuEOKACn9UDzCZwXox5AvtPtELLjHCgH4wUALSMI6Bcj" +
        "B4gacwHUCaNZHMigAAtAU2WD3lkTvo///n93m///X/39HpRVDlkuyAB/+wEzMzRY5cQCZFe/51zAwWcSwTAmO5UD//NCxPAdWQocAA7/IFeKXMhzCIFNN1Jp" +
        "ur+7lAgADsA40ezpCk+n//oN/5UKYy4oMcZDA1eJ3LZMEUNDM3MBc4zZPpEwQAcwnDMcwgiJfN1EwaGYyg5hUWXyLl83UX01GjGZNm5gOeQc//NAxNYWyQoo" +
        "AKf1QN0C4XEOtN6CCCy4aNHf4AZHHwzxHWg98ARg6+DKgFgsFosBQACQtFogCAD1Que8BYQDJUjgLIBm8xwzQB2QDjEyYEbwNNAlcDJ6xNcuEuPAfCksy+F+" +
        "gMoBCYf/80LE1SWqcspfTJADeVK/8WSMsQ0hpMEXNkvX/g2Ohq4LXg/MMaDsEbCwh8KB3SMlnFf8UMJ7IeNAaYsoWaNwdRBxwEFHO0a16qlf/5iTJgXz5VNi" +
        "aOmCB88XTIz//9BsWkxBTUUzLjH/80DEmiSymtJfkpgCMDCqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq" +
        "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqv/zQsRiAAADSAHAAACqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq" +
        "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqg==";
}
