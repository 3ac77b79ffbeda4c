package dev.jwkgate.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files a command names, turning each failure into one line that says which file and what went wrong. */
final class CliFiles {

    private CliFiles() {
    }

    /**
     * The text of {@code file}.
     *
     * @param what what the file should hold, for the message (e.g. "token file")
     * @throws CliArguments.UsageException naming the file and the problem (missing, unreadable, a directory)
     */
    static String read(String what, String file) throws CliArguments.UsageException {
        Path path = Path.of(file);
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new CliArguments.UsageException("cannot read the " + what + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliArguments.UsageException("cannot read the " + what + " " + file + ": permission denied");
        } catch (MalformedInputException e) {
            throw new CliArguments.UsageException("cannot read the " + what + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            String why = Files.isDirectory(path) ? "it is a directory" : e.getMessage();
            throw new CliArguments.UsageException("cannot read the " + what + " " + file + ": " + why);
        }
    }

    /** Refuses early a file that is not there, with the same message as {@link #read}. */
    static void requireReadable(String what, String file) throws CliArguments.UsageException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new CliArguments.UsageException("cannot read the " + what + " " + file + ": no such file");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CliArguments.UsageException("cannot read the " + what + " " + file
                    + (Files.isDirectory(path) ? ": it is a directory" : ": permission denied"));
        }
    }
}
