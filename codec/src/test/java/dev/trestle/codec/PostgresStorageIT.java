package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encoded messages stored in the real PostgreSQL (127.0.0.1:5432, database test) and read back:
 * bytes in {@code bytea} come back identical for every format, and JSON stored as {@code jsonb}
 * (which reorders keys and drops whitespace) still decodes to the equal value. Runs in the
 * {@code services} profile only.
 */
class PostgresStorageIT {

  private static Connection connection;

  @BeforeAll
  static void connect() throws SQLException {
    SQLException last = null;
    for (String user : List.of("postgres", "root")) {
      try {
        connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", user, "");
        break;
      } catch (SQLException e) {
        last = e;
      }
    }
    if (connection == null) {
      throw last;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMPORARY TABLE codec_messages (id serial PRIMARY KEY, format text, body bytea, doc jsonb)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  @Test
  void everyFormatSurvivesByteaUnchangedAndDecodesToTheEqualValue() throws SQLException {
    for (Dataset<?> dataset : Dataset.all()) {
      for (Format format : Format.values()) {
        storeAndLoad(dataset, format);
      }
    }
  }

  private static <T> void storeAndLoad(Dataset<T> dataset, Format format) throws SQLException {
    Codec<T> codec = Codecs.of(format, dataset);
    for (T value : dataset.generate(11, 5)) {
      byte[] bytes = codec.encode(value);
      long id;
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO codec_messages (format, body) VALUES (?, ?) RETURNING id")) {
        insert.setString(1, format.codecName());
        insert.setBytes(2, bytes);
        try (ResultSet keys = insert.executeQuery()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT body FROM codec_messages WHERE id = ?")) {
        select.setLong(1, id);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          byte[] loaded = row.getBytes(1);
          assertArrayEquals(bytes, loaded, format + " " + dataset);
          assertEquals(value, codec.decode(loaded));
        }
      }
    }
  }

  @Test
  void jsonNormalizedByJsonbStillDecodesToTheEqualValue() throws SQLException {
    for (Format format : List.of(Format.JSON, Format.PROTOBUF_JSON)) {
      Codec<dev.trestle.codec.model.EventLog> codec = Codecs.of(format, Dataset.EVENT_LOG);
      for (dev.trestle.codec.model.EventLog log : Dataset.EVENT_LOG.generate(12, 5)) {
        long id;
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO codec_messages (format, doc) VALUES (?, ?::jsonb) RETURNING id")) {
          insert.setString(1, format.codecName());
          insert.setString(2, new String(codec.encode(log), StandardCharsets.UTF_8));
          try (ResultSet keys = insert.executeQuery()) {
            keys.next();
            id = keys.getLong(1);
          }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT doc::text FROM codec_messages WHERE id = ?")) {
          select.setLong(1, id);
          try (ResultSet row = select.executeQuery()) {
            row.next();
            assertEquals(log, codec.decode(row.getString(1).getBytes(StandardCharsets.UTF_8)), format.codecName());
          }
        }
      }
    }
  }
}
